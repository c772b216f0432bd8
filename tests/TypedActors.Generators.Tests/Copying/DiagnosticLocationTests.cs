using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Tests.Copying;

/// <summary>
/// The copy generator's diagnostics point into the compilation's own source (not at an external file), so the
/// compiler applies <c>#pragma warning</c> to them like to any other. (.editorconfig severities are checked by the real
/// build in TypedActors.Package.Tests, which is where the compiler reads .editorconfig files.)
/// </summary>
public class DiagnosticLocationTests
{
    private const string Messages = """
        using System;
        using TypedActors;

        public sealed record Order(Action Callback);
        [Immutable] public sealed class Handle(Action callback) { public Action Callback { get; } = callback; }
        """;

    [Fact]
    public void A_copy_diagnostic_is_located_in_the_compilation_source_on_the_message_parameter()
    {
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run(Messages, """
            using TypedActors;
            public partial class Shop : Actor
            {
                [Receive] void On(Order order) { }
            }
            """);

        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "TA2005");
        Assert.True(error.Location.IsInSource, $"{error.Location.Kind} is not a source location");
        Assert.Equal("order", error.Location.SourceTree!.GetText().GetSubText(error.Location.SourceSpan).ToString());
    }

    [Fact]
    public void Pragma_warning_disable_silences_a_copy_diagnostic_where_it_is_reported_and_nowhere_else()
    {
        CopyGeneratorHarness.Result result = CopyGeneratorHarness.Run(Messages, """
            using TypedActors;
            public partial class Quiet : Actor
            {
            #pragma warning disable TA2006 // the handle never leaves this process
                [Receive] void On(Handle handle) { }
            #pragma warning restore TA2006
            }
            """, """
            using TypedActors;
            public partial class Loud : Actor
            {
                [Receive] void On(Handle handle) { }
            }
            """);

        Diagnostic[] warnings = [.. result.GeneratorDiagnostics.Where(d => d.Id == "TA2006")];
        Diagnostic reported = Assert.Single(warnings, d => !d.IsSuppressed);
        Assert.Contains("Loud", reported.Location.SourceTree!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, d => d.Location.SourceTree!.ToString().Contains("Quiet", StringComparison.Ordinal) && !d.IsSuppressed);
    }
}

using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Shared;

/// <summary>How the generators report the problems their cached models keep as data.</summary>
internal static class DiagnosticOutput
{
    /// <summary>
    /// Reports each model's problems at their source location in the current compilation (the models keep only plain
    /// positions); only this step sees the compilation, so the parsing before it stays cached.
    /// </summary>
    public static void ReportDiagnostics(this IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> problems) =>
        context.RegisterSourceOutput(
            problems.Where(static d => !d.IsEmpty).Combine(context.CompilationProvider),
            static (output, pair) =>
            {
                foreach (DiagnosticInfo diagnostic in pair.Left)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
                }
            });
}

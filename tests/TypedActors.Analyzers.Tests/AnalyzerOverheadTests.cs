using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedActors.Analyzers.Tests;

/// <summary>
/// Builds a generated 500-actor project and measures what the analyzers add to compiling it. The test asserts only
/// behaviour (the project compiles and idiomatic actors raise nothing); the timings go to the test output and are
/// recorded in docs/analyzers/README.md. Timing takes several cold compilations, so it only runs when asked:
/// <c>TYPEDACTORS_MEASURE_ANALYZERS=1 dotnet test tests/TypedActors.Analyzers.Tests --filter AnalyzerOverhead
/// --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class AnalyzerOverheadTests(ITestOutputHelper output)
{
    private static readonly bool Measuring = Environment.GetEnvironmentVariable("TYPEDACTORS_MEASURE_ANALYZERS") == "1";
    private static readonly int Rounds = Measuring ? 3 : 0;
    private static readonly int ActorCount = Measuring ? 500 : 100; // a smaller project still proves "raises nothing"

    [Fact]
    public async Task Analyzers_on_a_generated_many_actor_project_report_nothing_and_their_cost_is_measured()
    {
        Compilation project = ProjectCompiler.Compile("FiveHundredActors", GenerateProject(ActorCount), OutputKind.DynamicallyLinkedLibrary);
        Assert.Equal(ActorCount, project.SyntaxTrees.Count(t => t.FilePath.EndsWith(".Actor.g.cs", StringComparison.Ordinal)));

        var compileOnly = new List<TimeSpan>();
        var analyzerDriver = new List<TimeSpan>();
        var compileAndAnalyze = new List<TimeSpan>();
        ImmutableArray<Diagnostic> diagnostics = [];
        for (int round = 0; round <= Rounds; round++) // round 0 warms up the JIT and is not counted
        {
            var stopwatch = CpuStopwatch.StartNew();
            ImmutableArray<Diagnostic> compilerDiagnostics = ProjectCompiler.Fresh(project).GetDiagnostics();
            TimeSpan compiled = stopwatch.Elapsed;
            Assert.DoesNotContain(compilerDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

            stopwatch.Restart();
            await new CompilationWithAnalyzers(ProjectCompiler.Fresh(project), [new NoOpAnalyzer()], ProjectCompiler.Options(logExecutionTime: false))
                .GetAllDiagnosticsAsync();
            TimeSpan driven = stopwatch.Elapsed;

            stopwatch.Restart();
            ImmutableArray<Diagnostic> all = await new CompilationWithAnalyzers(ProjectCompiler.Fresh(project), ProjectCompiler.AllAnalyzers, ProjectCompiler.Options(logExecutionTime: false))
                .GetAllDiagnosticsAsync();
            TimeSpan analyzed = stopwatch.Elapsed;
            diagnostics = [.. all.Where(d => d.Id.StartsWith("TA", StringComparison.Ordinal))];
            if (round > 0)
            {
                compileOnly.Add(compiled);
                analyzerDriver.Add(driven);
                compileAndAnalyze.Add(analyzed);
            }
        }

        Assert.True(diagnostics.IsEmpty, ProjectCompiler.Describe(diagnostics));
        if (Rounds == 0)
        {
            return;
        }

        TimeSpan baseline = Median(compileOnly);
        TimeSpan driver = Median(analyzerDriver);
        TimeSpan total = Median(compileAndAnalyze);
        output.WriteLine($"{ActorCount} actors, {project.SyntaxTrees.Count()} files, median CPU time of {Rounds} cold compilations on {Environment.ProcessorCount} cores:");
        output.WriteLine($"  compile (bind + diagnostics):                   {baseline.TotalMilliseconds,8:F0} ms");
        output.WriteLine($"  compile + an analyzer that does nothing:        {driver.TotalMilliseconds,8:F0} ms");
        output.WriteLine($"  compile + all {ProjectCompiler.AllAnalyzers.Length} TypedActors analyzers:        {total.TotalMilliseconds,8:F0} ms");
        output.WriteLine($"  cost of the TypedActors rules (vs. no-op):      {(total - driver).TotalMilliseconds,8:F0} ms ({(total - driver) / baseline:P0} of compile)");
    }

    /// <summary>
    /// Measures the CPU time this process spends, which, unlike wall-clock time, hardly moves when other processes
    /// compete for the cores.
    /// </summary>
    private sealed class CpuStopwatch
    {
        private TimeSpan _start = Now();

        public TimeSpan Elapsed => Now() - _start;

        public static CpuStopwatch StartNew() => new();

        public void Restart() => _start = Now();

        private static TimeSpan Now()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    private static TimeSpan Median(List<TimeSpan> samples) => samples.Order().ElementAt(samples.Count / 2);

    /// <summary>Idiomatic actors of the size a real service has: state, a sync, an async and a replying handler, a child.</summary>
    private static IEnumerable<(string Path, string Text)> GenerateProject(int actors)
    {
        for (int i = 0; i < actors; i++)
        {
            int next = (i + 1) % actors;
            yield return ($"Actor{i}.cs", $$"""
                namespace Load;

                public sealed record Add{{i}}(int Amount, ActorRef<Worker{{next}}> Next);
                public sealed record Fetch{{i}}(string Key);
                public sealed record Total{{i}};

                public partial class Worker{{i}} : Actor
                {
                    private readonly Dictionary<string, int> _cache = [];
                    private int _total;

                    public Worker{{i}}(int start = 0) => _total = start;

                    [Receive]
                    void On(Add{{i}} m)
                    {
                        _total += m.Amount;
                        if (m.Amount > 1)
                        {
                            m.Next.Tell(new Add{{next}}(m.Amount - 1, default));
                        }
                    }

                    [Receive]
                    async Task<int> On(Fetch{{i}} m)
                    {
                        if (!_cache.TryGetValue(m.Key, out int value))
                        {
                            await Task.Delay(1, StoppingToken);
                            value = m.Key.Length;
                            _cache[m.Key] = value;
                        }

                        return value;
                    }

                    [Receive] int On(Total{{i}} _) => _total;

                    protected override Task OnStarted()
                    {
                        Self.Tell(new Total{{i}}());
                        return Task.CompletedTask;
                    }
                }
                """);
        }

        var program = new StringBuilder("namespace Load;\n\npublic static class Bootstrap\n{\n    public static void Start(ActorSystem system)\n    {\n");
        for (int i = 0; i < actors; i++)
        {
            program.Append($"        system.Spawn(() => new Worker{i}(start: {i}));\n");
        }

        program.Append("    }\n}\n");
        yield return ("Bootstrap.cs", program.ToString());
    }

    /// <summary>
    /// Registers nothing: running it measures what any analyzer costs (Roslyn's analyzer driver and its compilation
    /// events), so the TypedActors rules are measured on top of that.
    /// </summary>
#pragma warning disable RS1036, RS2008, RS1012 // a test-only analyzer that is never shipped and deliberately does nothing
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOOP001", "never reported", "never reported", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(_ => { });
        }
    }
#pragma warning restore RS1036, RS2008, RS1012
}

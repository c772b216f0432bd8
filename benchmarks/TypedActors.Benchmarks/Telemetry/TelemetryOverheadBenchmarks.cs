using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using TypedActors.Benchmarks.Shared;
using TypedActors.Diagnostics;

namespace TypedActors.Benchmarks.Telemetry;

/// <summary>
/// What metrics and tracing cost per message: 100,000 Tells to one actor, then an Ask to wait for them, with nobody
/// listening (the default, meant to cost nothing) and with a MeterListener and an ActivityListener attached to the
/// TypedActors meter and activity source while an activity is current.
/// </summary>
public class TelemetryOverheadBenchmarks
{
    private const int Messages = 100_000;
    private ActorSystem _system = null!;
    private ActorRef<TelemetrySink> _sink;
    private MeterListener? _meters;
    private ActivityListener? _activities;
    private ActivitySource? _source;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        if (Listening)
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == ActorTelemetry.Name)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
            _meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
            _meters.Start();
            _source = new ActivitySource("TypedActors.Benchmarks");
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name is ActorTelemetry.Name or "TypedActors.Benchmarks",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_activities);
        }

        _system = new ActorSystem();
        _sink = _system.Spawn<TelemetrySink>();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _system.DisposeAsync();
        _meters?.Dispose();
        _activities?.Dispose();
        _source?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<int> TellAndDrain()
    {
        using Activity? request = _source?.StartActivity("request");
        for (int i = 0; i < Messages; i++)
        {
            _sink.Tell(Token.Instance);
        }

        return await _sink.Ask(new DrainTelemetrySink());
    }
}

/// <summary>Asks how many tokens the sink has seen.</summary>
public sealed record DrainTelemetrySink;

public partial class TelemetrySink : Actor
{
    private int _seen;

    [Receive] void On(Token _) => _seen++;

    [Receive] int On(DrainTelemetrySink _) => _seen;
}

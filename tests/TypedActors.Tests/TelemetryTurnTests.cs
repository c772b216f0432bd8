using System.Diagnostics;
using System.Diagnostics.Metrics;
using TypedActors.Diagnostics;

namespace TypedActors.Tests;

public sealed record HoldTurn;
public sealed record ProbeTrace;

/// <summary>Holds its turn on a gate the test opens, so that messages queued meanwhile are handled in that same turn.</summary>
public partial class TurnHolder : Actor
{
    private readonly ManualResetEventSlim _entered;
    private readonly ManualResetEventSlim _release;
    private int _count;

    public TurnHolder(ManualResetEventSlim entered, ManualResetEventSlim release)
    {
        _entered = entered;
        _release = release;
    }

    [Receive]
    void On(HoldTurn _)
    {
        _entered.Set();
#pragma warning disable TA3001 // blocking on purpose: the turn must stay open while the test attaches a listener
        _release.Wait(Deadline.Default);
#pragma warning restore TA3001
    }

    [Receive] void On(Increment _) => _count++;

    [Receive] int On(GetCount _) => _count;
}

/// <summary>Answers with the parent span of the activity its handler runs in (none when the message carried no trace).</summary>
public partial class TraceProbe : Actor
{
    [Receive] string On(ProbeTrace _) => Activity.Current?.ParentSpanId.ToHexString() ?? "no activity";
}

/// <summary>
/// An actor reads once per turn whether anyone listens to telemetry. A listener attached between turns sees every
/// message of the next turn; one attached during a turn is seen from the next turn on.
/// </summary>
public class TelemetryTurnTests
{
    [Fact]
    public async Task A_meter_listener_attached_between_turns_counts_and_times_every_later_message()
    {
        // One item per turn: once an ask is answered, the next message is handled by a turn that starts after it.
        string name = $"turns-{Guid.NewGuid():N}";
        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => (options.Name, options.Throughput) = (name, 1),
        });
        ActorRef<Counter> counter = kit.Spawn<Counter>();
        counter.Tell(new Increment());
        Assert.Equal(1, await counter.Ask(new GetCount()).Within());

        using var meters = new SystemMeters(name);
        for (int i = 0; i < 10; i++)
        {
            counter.Tell(new Increment());
        }

        Assert.Equal(11, await counter.Ask(new GetCount()).Within());
        await kit.RunUntilIdleAsync(); // the ask is measured once its handler has returned, after the reply
        Assert.Equal(11, meters.Processed); // the message handled before the listener came is not counted
        Assert.Equal(11, meters.Timed);
    }

    [Fact]
    public async Task A_meter_listener_attached_during_a_turn_is_seen_from_the_next_turn_on()
    {
        string name = $"mid-turn-{Guid.NewGuid():N}";
        await using var kit = new ActorTestKit(new ActorTestKitOptions { ConfigureSystem = options => options.Name = name });
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        ActorRef<TurnHolder> holder = kit.Spawn(() => new TurnHolder(entered, release));
        holder.Tell(new HoldTurn());
        for (int i = 0; i < 5; i++)
        {
            holder.Tell(new Increment()); // queued behind the held message: handled later in the same turn
        }

        Assert.True(entered.Wait(Deadline.Default));
        using var meters = new SystemMeters(name);
        release.Set();

        await kit.RunUntilIdleAsync(); // the held turn went on with the five queued increments, unobserved
        Assert.Equal(0, meters.Processed);

        holder.Tell(new Increment()); // a later turn is observed
        Assert.Equal(6, await holder.Ask(new GetCount()).Within());
        await kit.RunUntilIdleAsync();
        Assert.Equal(2, meters.Processed); // that increment and the ask
    }

    [Fact]
    public async Task An_activity_listener_attached_between_turns_traces_the_next_message()
    {
        using var requests = new ActivitySource("TypedActors.Tests.TurnTracing");
        using var requestListener = ActivityListeners.Listen(source => source.Name == requests.Name);
        await using var system = new ActorSystem(new ActorSystemOptions { Throughput = 1 });
        ActorRef<TraceProbe> probe = system.Spawn<TraceProbe>();

        using (Activity? before = requests.StartActivity("before"))
        {
            Assert.NotNull(before);
            Assert.Equal("no activity", await probe.Ask(new ProbeTrace()).Within()); // nobody listens to TypedActors yet
        }

        using var actorListener = ActivityListeners.Listen(source => source.Name == ActorTelemetry.Name);
        using Activity? after = requests.StartActivity("after");
        Assert.NotNull(after);
        Assert.Equal(after!.SpanId.ToHexString(), await probe.Ask(new ProbeTrace()).Within());
    }

    /// <summary>Counts the per-message measurements of one actor system (by its name tag).</summary>
    private sealed class SystemMeters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _processed;
        private long _timed;

        public SystemMeters(string systemName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ActorTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "typedactors.messages.processed" && IsOf(tags, systemName))
                {
                    Interlocked.Add(ref _processed, value);
                }
            });
            _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
            {
                if (instrument.Name == "typedactors.handler.duration" && IsOf(tags, systemName))
                {
                    Interlocked.Increment(ref _timed);
                }
            });
            _listener.Start();
        }

        public long Processed => Interlocked.Read(ref _processed);

        public long Timed => Interlocked.Read(ref _timed);

        public void Dispose() => _listener.Dispose();

        private static bool IsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags, string systemName)
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "typedactors.system" && (string?)tag.Value == systemName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

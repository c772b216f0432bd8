using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using TypedActors.Diagnostics;

namespace TypedActors.Hosting.Tests;

public class TelemetryTests
{
    [Fact]
    public async Task A_MeterListener_sees_exact_counts_of_messages_dead_letters_actors_and_mailbox_depth()
    {
        string name = $"metrics-{Guid.NewGuid():N}";
        var values = new ConcurrentDictionary<string, long>();
        var depths = new ConcurrentDictionary<string, long>(); // mailbox depth per actor type
        var histogramCount = 0L;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ActorTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (HasSystem(tags, name) && instrument.Name == "typedactors.mailbox.depth")
            {
                depths[ActorTypeOf(tags)] = value;
            }
            else if (HasSystem(tags, name))
            {
                values.AddOrUpdate(instrument.Name, value, (_, old) => instrument is ObservableUpDownCounter<long> ? value : old + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            if (HasSystem(tags, name) && instrument.Name == "typedactors.handler.duration")
            {
                Interlocked.Increment(ref histogramCount);
            }
        });
        listener.Start();

        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => (options.Name, options.Services) = (name, new Services()),
        });
        ActorRef<Greeting> greeting = kit.Spawn<Greeting>();
        for (int i = 0; i < 100; i++)
        {
            greeting.Tell(new Ping(i));
        }

        Assert.Equal("hello 100", await greeting.Ask(new Ping(100)).Within());
        await kit.RunUntilIdleAsync(); // the ask's handler is measured once it has returned, after the reply
        Assert.Equal(101, values.GetValueOrDefault("typedactors.messages.processed"));
        Assert.Equal(101, Interlocked.Read(ref histogramCount));

        var gate = new TaskCompletionSource();
        ActorRef<Blocked> blocked = kit.Spawn(() => new Blocked(gate.Task));
        for (int i = 0; i < 7; i++)
        {
            blocked.Tell(new Ping(i)); // the first waits on the gate, six stay queued
        }

        await kit.RunUntilIdleAsync();
        listener.RecordObservableInstruments();
        Assert.Equal(6, depths.GetValueOrDefault(nameof(Blocked)));
        Assert.Equal(0, depths[nameof(Greeting)]);
        Assert.Equal(2, values["typedactors.actors"]);
        gate.SetResult();

        greeting.Stop();
        await kit.ExpectTerminatedAsync(greeting);
        for (int i = 0; i < 5; i++)
        {
            greeting.Tell(new Ping(i));
        }

        Assert.Equal(5, values["typedactors.dead_letters"]);
    }

    [Fact]
    public async Task A_trace_follows_a_message_across_actors_as_parent_and_child()
    {
        using var testSource = new ActivitySource("TypedActors.Tests.Tracing");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ActorTelemetry.Name or "TypedActors.Tests.Tracing",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var seen = new ConcurrentQueue<(int N, string? TraceId, string? ParentSpanId, string? SpanId)>();
        await using var kit = new ActorTestKit();
        ActorRef<Hop> first = kit.Spawn(() => new Hop(seen));
        ActorRef<Hop> second = kit.Spawn(() => new Hop(seen));

        using (Activity? request = testSource.StartActivity("request"))
        {
            Assert.NotNull(request);
            first.Tell(new Relay(second, 2)); // first handles N=2, then tells second N=1
            await kit.RunUntilIdleAsync();
            Assert.Equal(2, seen.Count);

            (int _, string? trace1, string? parent1, string? span1) = seen.Single(s => s.N == 2);
            (int _, string? trace2, string? parent2, string? _) = seen.Single(s => s.N == 1);
            Assert.Equal(request!.TraceId.ToString(), trace1);
            Assert.Equal(request.SpanId.ToString(), parent1);   // the first handler is a child of the request
            Assert.Equal(request.TraceId.ToString(), trace2);
            Assert.Equal(span1, parent2);                         // the second handler is a child of the first
        }

        Assert.Equal(2, stopped.Count(a => a.Source.Name == ActorTelemetry.Name)); // each stopped as its handler returned
        Assert.All(stopped.Where(a => a.Source.Name == ActorTelemetry.Name), a => Assert.Equal(ActivityKind.Consumer, a.Kind));
    }

    [Fact]
    public async Task Without_a_listener_messages_carry_no_trace()
    {
        var seen = new ConcurrentQueue<(int N, string? TraceId, string? ParentSpanId, string? SpanId)>();
        await using var kit = new ActorTestKit();
        ActorRef<Hop> hop = kit.Spawn(() => new Hop(seen));
        hop.Tell(new Relay(hop, 1));
        await kit.RunUntilIdleAsync();
        Assert.Null(Assert.Single(seen).TraceId);
    }

    [Fact]
    public async Task Dead_letters_are_logged_at_most_ten_a_second_and_the_rest_are_counted()
    {
        var logs = new CollectingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => (options.LoggerFactory, options.Services) = (factory, new Services()),
        });
        ActorRef<Greeting> greeting = kit.Spawn<Greeting>();
        greeting.Stop();
        await kit.ExpectTerminatedAsync(greeting);

        for (int i = 0; i < 25; i++)
        {
            greeting.Tell(new Ping(i));
        }

        Assert.Equal(10, logs.Entries.Count(e => e.Id.Id == 3));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        greeting.Tell(new Ping(99));

        Assert.Equal(11, logs.Entries.Count(e => e.Id.Id == 3));
        Assert.EndsWith("(15 earlier dead letters not logged)", logs.Entries.Last(e => e.Id.Id == 3).Message);
        Assert.Equal(26, kit.System.DeadLetters.Count);
    }

    [Fact]
    public async Task Messages_of_an_unhandled_type_are_logged_as_warnings()
    {
        var logs = new CollectingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => (options.LoggerFactory, options.Services) = (factory, new Services()),
        });
        ActorRef<Greeting> greeting = kit.Spawn<Greeting>();
        greeting.Address.Send("not a message it handles");
        await kit.RunUntilIdleAsync();
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 4);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("System.String", warning.Message);
    }

    private static string ActorTypeOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "typedactors.actor.type")
            {
                return (string)tag.Value!;
            }
        }

        return "";
    }

    private static bool HasSystem(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "typedactors.system" && (string?)tag.Value == name)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Services : IServiceProvider
    {
        private readonly Greeter _greeter = new();
        private readonly Journal _journal = new();

        public object? GetService(Type serviceType) =>
            serviceType == typeof(Greeter) ? _greeter : serviceType == typeof(Journal) ? _journal : null;
    }
}

/// <summary>Holds its first message until the gate opens, so the rest stay queued.</summary>
public partial class Blocked : Actor
{
    private readonly Task _gate;

    public Blocked(Task gate) => _gate = gate;

    [Receive] Task On(Ping _) => _gate;
}

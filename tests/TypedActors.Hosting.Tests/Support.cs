using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TypedActors.Hosting.Tests;

public sealed record Ping(int N);
public sealed record Explode(string Why);
public sealed record Relay(ActorRef<Hop> Next, int N);
public sealed record WhoAmI;

/// <summary>The kind of service an actor takes from the container.</summary>
public sealed class Greeter
{
    public string Greet(int n) => $"hello {n}";
}

/// <summary>Takes a service from dependency injection and records its stop in a shared journal service.</summary>
public partial class Greeting : Actor
{
    private readonly Greeter _greeter;
    private readonly Journal _journal;

    public Greeting(Greeter greeter, Journal journal)
    {
        _greeter = greeter;
        _journal = journal;
    }

    [Receive] string On(Ping ping) => _greeter.Greet(ping.N);

    [Receive] void On(Explode explode) => throw new InvalidOperationException(explode.Why);

    protected override async Task OnStopped()
    {
        await Task.Yield();
        _journal.Lines.Enqueue($"stopped {SelfAddress.Id}");
    }
}

/// <summary>A journal the test owns, registered in the container.</summary>
public sealed class Journal
{
    public ConcurrentQueue<string> Lines { get; } = new();
}

/// <summary>Passes a relay on, recording the activity it ran under.</summary>
public partial class Hop : Actor
{
    private readonly ConcurrentQueue<(int N, string? TraceId, string? ParentSpanId, string? SpanId)> _seen;

    public Hop(ConcurrentQueue<(int, string?, string?, string?)> seen) => _seen = seen;

    [Receive]
    void On(Relay relay)
    {
        System.Diagnostics.Activity? current = System.Diagnostics.Activity.Current;
        _seen.Enqueue((relay.N, current?.TraceId.ToString(), current?.ParentSpanId.ToString(), current?.SpanId.ToString()));
        if (relay.N > 1)
        {
            relay.Next.Tell(new Relay(relay.Next, relay.N - 1));
        }
    }
}

/// <summary>Collects log entries in memory.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), exception));
    }
}

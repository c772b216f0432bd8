using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TypedActors.Hosting.Tests;

public class HostingTests
{
    [Fact]
    public async Task The_system_starts_with_the_host_and_its_actors_stop_gracefully_with_it()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Greeter>().AddSingleton<Journal>();
        builder.Services.AddTypedActors(options => options.Name = "hosted");
        using IHost host = builder.Build();
        await host.StartAsync();

        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal("hosted", system.Name);
        ActorRef<Greeting>[] actors = [.. Enumerable.Range(0, 20).Select(_ => system.Spawn<Greeting>())];
        Assert.Equal("hello 7", await actors[3].Ask(new Ping(7)).Within());

        await host.StopAsync();

        Journal journal = host.Services.GetRequiredService<Journal>();
        Assert.Equal(20, journal.Lines.Count);
        Assert.Equal(0, system.ActorCount);
        Assert.Throws<ObjectDisposedException>(() => system.Spawn<Greeting>());
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_bounds_a_shutdown_blocked_by_an_actor()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        builder.Services.AddTypedActors(options => options.ShutdownTimeout = TimeSpan.FromMinutes(5));
        using IHost host = builder.Build();
        await host.StartAsync();
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        var errors = new ConcurrentQueue<ActorError>();
        using IDisposable subscription = system.Errors.Subscribe(errors.Enqueue);
        var entered = new TaskCompletionSource();
        ActorRef<Stuck> stuck = system.Spawn(() => new Stuck(entered));
        stuck.Tell(new Ping(1));
        await entered.Task.Within();

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync().Within();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
        Assert.Contains(errors, e => e.Actor == stuck.Address && e.Context == "shutdown");
    }

    [Fact]
    public async Task Constructor_dependencies_come_from_the_container_and_a_missing_one_fails_clearly()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Journal>(); // no Greeter
        builder.Services.AddTypedActors();
        using IHost host = builder.Build();
        await host.StartAsync();
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();

        ActorCreationException error = Assert.Throws<ActorCreationException>(() => system.Spawn<Greeting>());
        Assert.Contains("TypedActors.Hosting.Tests.Greeter", error.Message);
        Assert.Contains("greeter", error.Message);
        Assert.Equal(0, system.ActorCount);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_actor_failure_is_logged_with_its_exit_reason()
    {
        var logs = new CollectingLoggerProvider();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton<Greeter>().AddSingleton<Journal>();
        builder.Services.AddTypedActors();
        using IHost host = builder.Build();
        await host.StartAsync();
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        ActorRef<Greeting> actor = system.Spawn<Greeting>();

        actor.Tell(new Explode("disk on fire"));
        await actor.Completion.Within();

        var failure = Assert.Single(logs.Entries, e => e.Id.Id == 1);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal("TypedActors.ActorSystem", failure.Category);
        Assert.Contains($"Actor {actor.Address} failed: failed: System.InvalidOperationException: disk on fire", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        await host.StopAsync();
    }
}

/// <summary>Never finishes its handler, to hold up a shutdown.</summary>
public partial class Stuck : Actor
{
    private readonly TaskCompletionSource _entered;

    public Stuck(TaskCompletionSource entered) => _entered = entered;

    [Receive]
    Task On(Ping _)
    {
        _entered.TrySetResult();
        return new TaskCompletionSource().Task;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedActors.Http.Observer;

namespace TypedActors.Benchmarks.Observer;

/// <summary>A page's side of the observer, as the overhead benchmarks play it.</summary>
internal static class ObserverStream
{
    /// <summary>Starts a web host on a free loopback port with the observer of <paramref name="system"/> mapped, and a client of it.</summary>
    public static async Task<(WebApplication Host, HttpClient Client)> StartHostAsync(ActorSystem system, Action<ActorObserverOptions>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication host = builder.Build();
        host.MapActorsObserver(system, configure: configure);
        await host.StartAsync();
        string address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (host, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Reads the event stream as a browser does, frame after frame, until <paramref name="stop"/>.</summary>
    public static async Task ReadFramesAsync(HttpClient client, TaskCompletionSource firstFrame, CancellationToken stop)
    {
        try
        {
            using HttpResponseMessage response = await client.GetAsync("/observer/events", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    firstFrame.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    /// <summary>Completes once the observer of <paramref name="system"/> has noticed that no page is left and stopped sampling.</summary>
    public static async Task WaitUntilIdleAsync(ActorSystem system)
    {
        ObserverHub hub = ActorObserverEndpoints.HubOf(system)
            ?? throw new InvalidOperationException("No observer is mapped for this actor system.");
        while (hub.ClientCount > 0 || hub.IsSampling)
        {
            await Task.Delay(1);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TypedActors.Orleans.ClusterHost;
using TypedActors.Orleans.Hosting;

namespace TypedActors.Orleans.Tests;

/// <summary>An Orleans client of the multi-process tests' clusters, which finds the silos' gateways in a PostgreSQL membership table.</summary>
internal static class PostgresClusterClient
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    public static async Task<IHost> StartAsync(string database)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (SiloSettings.ClusterId, SiloSettings.ClusterId));
            client.UsePostgresClustering(database);
            client.AddTypedActors(actors =>
            {
                SiloSettings.Actors(actors);
                actors.ClientProbeInterval = TimeSpan.FromMilliseconds(200); // reads the membership table this often while it watches
            });
        });
        IHost host = builder.Build();
        await host.StartAsync().WaitAsync(StartDeadline);
        return host;
    }

    public static ClusterActorSystem Actors(this IHost client) => client.Services.GetRequiredService<ClusterActorSystem>();
}

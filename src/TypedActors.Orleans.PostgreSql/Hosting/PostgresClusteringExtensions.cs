using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedActors.Orleans.Hosting;

/// <summary>
/// Keeps Orleans cluster membership in a PostgreSQL database, through Orleans' own ADO.NET clustering provider
/// (Microsoft.Orleans.Clustering.AdoNet with Npgsql): the production counterpart of <c>UseLocalhostClustering</c>, whose
/// membership table lives in one silo's memory and dies with it. With a database, any silo may fail, the first one
/// included, and a silo restarted on its endpoint joins again as a new incarnation.
/// </summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Uses the PostgreSQL database at <paramref name="connectionString"/> for membership. The silo creates the tables,
    /// functions and statements it needs when they are missing (its role needs the right to create them), before it
    /// joins; several silos may start at once. Use the same database and <c>ClusterOptions.ClusterId</c> on every
    /// silo and client of a cluster.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or empty.</exception>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => new PostgresMembershipSchema(
            connectionString,
            provider.GetService<ILoggerFactory>()?.CreateLogger("TypedActors.Orleans") ?? NullLogger.Instance));
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresMembershipSchema.Invariant;
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>
    /// Finds the cluster's gateways in the PostgreSQL database at <paramref name="connectionString"/>, which the silos
    /// keep (see <see cref="UsePostgresClustering(ISiloBuilder, string)"/>; a client creates no schema).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or empty.</exception>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresMembershipSchema.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}

using System.Globalization;
using Npgsql;
using TypedActors.Package.Tests.Infrastructure;
using TypedActors.Testing.PostgreSql;

namespace TypedActors.Package.Tests;

/// <summary>
/// The PostgreSQL packages used by fresh applications against a real server (the throwaway server the persistence
/// tests use, started for this class alone): what one process of the application persists, the next one recovers; a
/// silo keeps its cluster's membership there.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PostgresPackageTests(PackagesUnderTest packages, PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task An_app_referencing_TypedActors_Persistence_PostgreSql_keeps_a_persistent_actor_across_runs_on_a_real_server()
    {
        var app = ConsumerProject.Create(
            packages, "PostgresApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.PostgresProgram },
            "Microsoft.NET.Sdk", ["TypedActors.Persistence.PostgreSql"]);
        string database = await server.CreateDatabaseAsync("package_consumer");

        await IntegrationPackageTests.BuildRunAndExpect(app, ["recovered: 0", "total: 2"], database, "2");
        // A new process on the same database starts from what the first one stored (and released when it ended).
        await IntegrationPackageTests.RunAndExpect(app, ["recovered: 2", "total: 5"], database, "3");
    }

    [Fact]
    public async Task A_silo_referencing_TypedActors_Orleans_PostgreSql_keeps_its_membership_on_a_real_server()
    {
        // Orleans 10.4.2 asks for patch versions of ASP.NET Core/System.Composition packages the feed serves only newer.
        var app = ConsumerProject.Create(
            packages, "PostgresSiloApp", new Dictionary<string, string> { ["Program.cs"] = IntegrationSources.PostgresClusterProgram },
            "Microsoft.NET.Sdk", ["TypedActors.Orleans.PostgreSql", "Microsoft.Orleans.Server"], noWarn: "NU1603");
        string database = await server.CreateDatabaseAsync("package_membership");
        int siloPort = IntegrationPackageTests.FreeLoopbackPort();

        await IntegrationPackageTests.BuildRunAndExpect(
            app, IntegrationSources.ClusterOutput, siloPort.ToString(CultureInfo.InvariantCulture),
            IntegrationPackageTests.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture), database);

        // The silo joined through the database: its row is there, under the cluster id the program configured.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var silos = new NpgsqlCommand("SELECT port FROM typedactors_membership WHERE deployment_id = 'package-test'", connection);
        Assert.Equal(siloPort, Convert.ToInt32(await silos.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }
}

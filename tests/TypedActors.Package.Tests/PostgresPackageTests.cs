using TypedActors.Package.Tests.Infrastructure;
using TypedActors.Testing.PostgreSql;

namespace TypedActors.Package.Tests;

/// <summary>
/// The PostgreSQL package used by a fresh application against a real server (the throwaway server the persistence
/// tests use, started for this class alone): what one process of the application persists, the next one recovers.
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
}

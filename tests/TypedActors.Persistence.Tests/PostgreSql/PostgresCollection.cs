namespace TypedActors.Persistence.Tests.PostgreSql;

/// <summary>The tests that use the one test server of the run; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}

namespace TypedActors.Testing.PostgreSql;

/// <summary>As an xUnit fixture the server starts before the first test that shares it and stops after the last.</summary>
public sealed partial class PostgresServer : IAsyncLifetime;

namespace TypedActors.Benchmarks.Shared;

/// <summary>
/// The message of the throughput workloads: immutable, field-less and reused, so every framework moves the same
/// reference and the numbers show the cost of the framework, not of building messages.
/// </summary>
public sealed record Token
{
    public static Token Instance { get; } = new();
}

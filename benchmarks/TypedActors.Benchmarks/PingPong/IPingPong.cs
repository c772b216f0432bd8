namespace TypedActors.Benchmarks.PingPong;

/// <summary>Two parties of one framework bouncing balls; disposing shuts the framework down.</summary>
public interface IPingPong : IAsyncDisposable
{
    /// <summary>Plays one rally to the end.</summary>
    Task Play(Rally rally);
}

namespace TypedActors.Benchmarks.FanOut;

/// <summary>
/// A population of counting actors of one framework. Each counts the messages it receives and signals the current
/// round once it has its quota; disposing shuts the framework down.
/// </summary>
public interface IFanOutTargets : IAsyncDisposable
{
    /// <summary>Sends one message to actor number <paramref name="index"/>. Called by many threads at once.</summary>
    void Send(int index);
}

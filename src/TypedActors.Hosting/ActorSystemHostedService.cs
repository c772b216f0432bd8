using Microsoft.Extensions.Hosting;

namespace TypedActors.Hosting;

/// <summary>Starts the actor system with the host and stops every actor gracefully when the host stops.</summary>
internal sealed class ActorSystemHostedService(ActorSystem system) : IHostedService
{
    /// <summary>The system is created (and ready to spawn) when the host starts.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops every actor after its current message and waits for their <c>OnStopped</c>, until the host's shutdown
    /// timeout cancels <paramref name="cancellationToken"/>; stragglers are then abandoned and reported.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => system.ShutdownAsync(cancellationToken);
}

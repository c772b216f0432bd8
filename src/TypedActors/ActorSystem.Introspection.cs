using System.ComponentModel;
using TypedActors.Diagnostics;
using TypedActors.Introspection;

namespace TypedActors;

public sealed partial class ActorSystem
{
    private readonly EventStream<ActorFailure> _failures = new();

    /// <summary>
    /// Actors whose instance ended in failure (a handler, hook or stray continuation threw, or a linked actor's failure
    /// reached one that does not trap exits), as it happens. Subscribers are called on the failing actor's turn and
    /// should return quickly; publishing costs nothing while nobody subscribes.
    /// </summary>
    public IObservable<ActorFailure> Failures => _failures;

    /// <summary>How introspection tools of the processes of a cluster reach each other; see <see cref="IntrospectionChannel"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IntrospectionChannel Introspection { get; } = new();

    /// <summary>The clock of the system's timers, timeouts and event times (<see cref="ActorSystemOptions.TimeProvider"/>).</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    internal void ReportFailure(Address actor, ExitReason reason)
    {
        if (_failures.HasObservers)
        {
            _failures.Publish(new ActorFailure(actor, reason, Options.TimeProvider.GetUtcNow()));
        }
    }
}

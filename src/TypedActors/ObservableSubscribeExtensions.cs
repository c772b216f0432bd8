namespace TypedActors;

/// <summary>Subscribes a callback to an observable such as <see cref="ActorSystem.DeadLetters"/>, without Rx.</summary>
public static class ObservableSubscribeExtensions
{
    /// <summary>Calls <paramref name="onNext"/> for every event until the returned subscription is disposed.</summary>
    public static IDisposable Subscribe<T>(this IObservable<T> source, Action<T> onNext)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(onNext);
        return source.Subscribe(new ActionObserver<T>(onNext));
    }

    private sealed class ActionObserver<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => onNext(value);
    }
}

namespace TypedActors.Diagnostics;

/// <summary>
/// A minimal thread-safe <see cref="IObservable{T}"/>: subscribers are kept in a copy-on-write array, so publishing
/// takes no lock and costs nothing when nobody listens. A throwing subscriber never breaks the publisher.
/// </summary>
internal sealed class EventStream<T> : IObservable<T>
{
    private IObserver<T>[] _observers = [];

    public bool HasObservers => Volatile.Read(ref _observers).Length > 0;

    public void Publish(T value)
    {
        IObserver<T>[] observers = Volatile.Read(ref _observers);
        foreach (IObserver<T> observer in observers)
        {
            try
            {
                observer.OnNext(value);
            }
            catch (Exception)
            {
                // An observer's bug must not fail the actor or the runtime that published the event.
            }
        }
    }

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Update(observers => [.. observers, observer]);
        return new Subscription(this, observer);
    }

    public void Complete()
    {
        IObserver<T>[] observers = Interlocked.Exchange(ref _observers, []);
        foreach (IObserver<T> observer in observers)
        {
            try
            {
                observer.OnCompleted();
            }
            catch (Exception)
            {
                // See Publish.
            }
        }
    }

    private void Update(Func<IObserver<T>[], IObserver<T>[]> change)
    {
        while (true)
        {
            IObserver<T>[] current = Volatile.Read(ref _observers);
            if (Interlocked.CompareExchange(ref _observers, change(current), current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription(EventStream<T> stream, IObserver<T> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stream.Update(observers => Array.FindAll(observers, o => !ReferenceEquals(o, observer)));
            }
        }
    }
}

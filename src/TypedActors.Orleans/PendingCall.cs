namespace TypedActors.Orleans;

/// <summary>
/// A tell or ask waiting for its call: one object per call in flight, instead of ContinueWith's task, continuation
/// and boxed state. It runs where Orleans completes the call, outside any actor's turn, as the ask's own completion
/// expects; registered this way it runs bare on that thread, so what it throws (a failing dead-letter subscriber or
/// logger) is logged here, or it would take the process down.
/// </summary>
internal sealed class PendingCall<TDelivery, T>(
    ClusterActorProcess process, TDelivery delivery, Sent<T> sent, Action<ClusterActorProcess, TDelivery, Sent<T>> onCompleted)
{
    public void Register() => sent.Result.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnCompleted);

    private void OnCompleted()
    {
        try
        {
            onCompleted(process, delivery, sent);
        }
        catch (Exception exception)
        {
            process.LogFailedCompletion(exception);
        }
    }
}

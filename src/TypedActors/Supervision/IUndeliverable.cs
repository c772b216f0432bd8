namespace TypedActors.Supervision;

/// <summary>
/// A runtime signal travelling through a mailbox. If its recipient dies before handling it, the runtime calls
/// <see cref="OnUndelivered"/> instead of publishing a dead letter, so the sender's protocol can finish.
/// </summary>
internal interface IUndeliverable
{
    void OnUndelivered();
}

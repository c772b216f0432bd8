namespace TypedActors.Persistence.Conformance;

/// <summary>Collects what a journal replays: each event's sequence number and a copy of its bytes.</summary>
public sealed class RecordedEvents : IEventReplayConsumer
{
    public List<(long SequenceNr, byte[] Payload)> Events { get; } = [];

    public void OnEvent(long sequenceNr, ReadOnlyMemory<byte> payload) => Events.Add((sequenceNr, payload.ToArray()));
}

using MessagePack;
using TypedActors.CompilerServices;
using TypedActors.Dispatching;

namespace TypedActors.Catalogue;

/// <summary>
/// One message type an actor handles, with how to read it from MessagePack and deliver it through the typed path
/// (<see cref="TypedMessages"/>), and how to write the handler's reply. Created by generated code with
/// <see cref="Tell{TMessage}"/> or <see cref="Ask{TMessage, TReply}"/>; every generic step is bound at compile time.
/// </summary>
public abstract class MessageDescriptor
{
    private protected MessageDescriptor(string name, Type messageType, Type? replyType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        MessageType = messageType;
        ReplyType = replyType;
    }

    /// <summary>The message's name: its type's simple name.</summary>
    public string Name { get; }

    /// <summary>The message type.</summary>
    public Type MessageType { get; }

    /// <summary>The handler's reply type, or null when the handler returns no value.</summary>
    public Type? ReplyType { get; }

    /// <summary>True when the handler returns a value, so the message is asked rather than told.</summary>
    public bool HasReply => ReplyType is not null;

    /// <summary>Describes a message whose handler returns no value.</summary>
    public static MessageDescriptor Tell<TMessage>(string name)
        where TMessage : notnull => new Described<TMessage, NoReply>(name, replyType: null);

    /// <summary>Describes a message whose handler returns a <typeparamref name="TReply"/>.</summary>
    public static MessageDescriptor Ask<TMessage, TReply>(string name)
        where TMessage : notnull => new Described<TMessage, TReply>(name, typeof(TReply));

    /// <summary>Reads the message from MessagePack with <paramref name="options"/>' formatters.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not a valid message (including nil).</exception>
    public abstract object Deserialize(ReadOnlyMemory<byte> messagePack, MessagePackSerializerOptions options);

    /// <summary>Sends a message returned by <see cref="Deserialize"/> without waiting.</summary>
    public abstract void Tell(Address address, object message);

    /// <summary>
    /// Sends a message returned by <see cref="Deserialize"/> without waiting, and says whether it was queued: false when
    /// the actor's full mailbox refused it (it is then a dead letter, <see cref="DeadLetterReason.MailboxFull"/>).
    /// </summary>
    public abstract bool TryTell(Address address, object message);

    /// <summary>
    /// Asks with a message returned by <see cref="Deserialize"/> and returns the reply serialized as MessagePack
    /// (nil for a handler that returns no value). Fails like <see cref="Address.Ask{TReply}"/>.
    /// </summary>
    public abstract Task<byte[]> AskAsync(
        Address address, object message, MessagePackSerializerOptions options, TimeSpan? timeout, CancellationToken cancellationToken);

    private sealed class Described<TMessage, TReply> : MessageDescriptor
        where TMessage : notnull
    {
        private static readonly byte[] s_nil = [MessagePackCode.Nil];

        public Described(string name, Type? replyType)
            : base(name, typeof(TMessage), replyType)
        {
        }

        public override object Deserialize(ReadOnlyMemory<byte> messagePack, MessagePackSerializerOptions options) =>
            MessagePackSerializer.Deserialize<TMessage>(messagePack, options)
            ?? throw new MessagePackSerializationException($"A {Name} message cannot be nil.");

        public override void Tell(Address address, object message) => TypedMessages.Tell(address, (TMessage)message);

        public override bool TryTell(Address address, object message) => TypedMessages.TryTell(address, (TMessage)message);

        public override async Task<byte[]> AskAsync(
            Address address, object message, MessagePackSerializerOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            TReply reply = await TypedMessages.Ask<TMessage, TReply>(address, (TMessage)message, timeout, cancellationToken).ConfigureAwait(false);
            return typeof(TReply) == typeof(NoReply) ? s_nil : MessagePackSerializer.Serialize(reply, options, cancellationToken);
        }
    }
}

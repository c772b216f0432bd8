using System.ComponentModel;
using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// Resolves the MessagePack formatters generated for message types. Generated module initializers register one
/// formatter per type; lookup is a static generic field read, with no reflection and no dynamic code, so it is safe
/// under NativeAOT and trimming. Types it does not know (for example those carrying <c>[MessagePackObject]</c>) fall
/// through to the next resolver of <see cref="ActorMessagePack.CreateOptions"/>.
/// </summary>
public sealed class MessageFormatterResolver : IFormatterResolver
{
    /// <summary>The single instance.</summary>
    public static readonly MessageFormatterResolver Instance = new();

    private MessageFormatterResolver()
    {
    }

    /// <inheritdoc />
    public IMessagePackFormatter<T>? GetFormatter<T>() => Slot<T>.Formatter;

    /// <summary>Registers the formatter of <typeparamref name="T"/>; the first registration wins.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<T>(IMessagePackFormatter<T> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Slot<T>.Formatter ??= formatter;
        WireMessages.Add(formatter);
    }

    private static class Slot<T>
    {
        public static IMessagePackFormatter<T>? Formatter;
    }

    static MessageFormatterResolver()
    {
        Register<Address>(AddressFormatter.Instance);
    }
}

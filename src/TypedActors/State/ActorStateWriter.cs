using System.ComponentModel;
using MessagePack;

namespace TypedActors.State;

/// <summary>
/// Collects an actor's fields for a state snapshot. The generated <c>WriteState</c> override of each actor calls
/// <see cref="Field{T}"/> once per field, inside the actor's turn; each value is serialized at once, so the snapshot
/// is consistent and shares nothing with the running actor. Writing is bounded by <see cref="ActorStateLimits"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActorStateWriter
{
    /// <summary>The key of the marker written in place of a value that has no wire format.</summary>
    public const string NotSerializableKey = "$notSerializable";

    private readonly MessagePackSerializerOptions _options;
    private readonly ActorStateLimits _limits;
    private readonly StateBuffer _buffer;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal ActorStateWriter(MessagePackSerializerOptions options, ActorStateLimits limits)
    {
        _options = BoundedStateOptions.For(options);
        _limits = limits;
        _buffer = new StateBuffer(limits.MaxBytes);
    }

    /// <summary>
    /// Writes one field. A value that cannot be serialized (no formatter for its type, or a formatter that fails) is
    /// written as the marker <c>{ "$notSerializable": true }</c>, so one odd field never fails the whole snapshot; a
    /// nested value deeper than the limit, or a reference back to an object being written, as <c>{ "$tooDeep": true }</c>
    /// or <c>{ "$cycle": true }</c>. A name already written (a base class's field) gets a numeric suffix.
    /// </summary>
    /// <exception cref="StateTooLargeException">The snapshot passed <see cref="ActorStateLimits.MaxBytes"/>.</exception>
    public void Field<T>(string name, T value)
    {
        ArgumentNullException.ThrowIfNull(name);
        string unique = name;
        for (int suffix = 2; !_names.Add(unique); suffix++)
        {
            unique = name + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Write((ref MessagePackWriter writer) => writer.Write(unique));
        int valueStart = _buffer.Length;
        var scope = new StateWriteScope(_limits.MaxDepth);
        scope.Activate();
        try
        {
            MessagePackSerializer.Serialize(_buffer, value, _options);
        }
        catch (Exception exception) when (FindTooLarge(exception) is { } tooLarge)
        {
            throw tooLarge;
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or MessageCopyException
            or InvalidOperationException or NotSupportedException or TypeLoadException or ArgumentException)
        {
            // The exceptions a resolver or formatter throws for a type it cannot write.
            _buffer.Rewind(valueStart);
            Write(static (ref MessagePackWriter writer) =>
            {
                writer.WriteMapHeader(1);
                writer.Write(NotSerializableKey);
                writer.Write(true);
            });
        }
        finally
        {
            scope.Deactivate();
        }
    }

    /// <summary>The snapshot: a MessagePack map from field name to value.</summary>
    internal byte[] ToMessagePack()
    {
        var header = new StateBuffer(5);
        var writer = new MessagePackWriter(header);
        writer.WriteMapHeader(_names.Count);
        writer.Flush();
        return [.. header.Written, .. _buffer.Written];
    }

    private void Write(WriteAction write)
    {
        var writer = new MessagePackWriter(_buffer);
        write(ref writer);
        writer.Flush();
    }

    private static StateTooLargeException? FindTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is StateTooLargeException tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }

    private delegate void WriteAction(ref MessagePackWriter writer);
}

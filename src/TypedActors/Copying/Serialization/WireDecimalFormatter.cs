using System.Globalization;
using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// Writes a <see cref="decimal"/> as an invariant string, exactly like MessagePack's own formatter, so no precision is
/// lost on the wire; reads a string, an integer or a float. JSON converted to MessagePack carries numbers as integers or
/// doubles, so <c>{"Amount": 25.5}</c> must read as well as <c>{"Amount": "25.5"}</c>.
/// </summary>
public sealed class WireDecimalFormatter : IMessagePackFormatter<decimal>
{
    /// <summary>The single instance.</summary>
    public static readonly WireDecimalFormatter Instance = new();

    private WireDecimalFormatter()
    {
    }

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, decimal value, MessagePackSerializerOptions options) =>
        writer.Write(value.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public decimal Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                string? text = reader.ReadString();
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed)
                    ? parsed
                    : throw new MessagePackSerializationException($"'{text}' is not a decimal number.");
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64();
            case MessagePackType.Float:
                double number = reader.ReadDouble();
                return double.IsFinite(number) && Math.Abs(number) < (double)decimal.MaxValue
                    ? (decimal)number
                    : throw new MessagePackSerializationException($"{number.ToString(CultureInfo.InvariantCulture)} is out of the range of a decimal.");
            default:
                throw new MessagePackSerializationException($"A decimal is a string or a number, not {reader.NextMessagePackType}.");
        }
    }
}

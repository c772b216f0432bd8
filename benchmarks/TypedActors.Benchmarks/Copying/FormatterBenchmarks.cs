using System.Buffers;
using BenchmarkDotNet.Attributes;
using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Benchmarks.Copying;

/// <summary>
/// TypedActors' generated MessagePack formatters, as a remote send or a stored event runs them: writing a message into
/// a reused buffer, and reading it back. One record of immutable values, one mutable class with a list.
/// </summary>
[MemoryDiagnoser]
public class FormatterBenchmarks
{
    private readonly MessagePackSerializerOptions _options = ActorMessagePack.CreateOptions();
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly FormattedQuote _quote = new(7, "MSFT", 415.25m);
    private readonly FormattedOrder _order = new() { OrderId = 42, Customer = "ACME Corporation", Total = 1234.5, Quantities = [1, 2, 3, 4, 5] };
    private byte[] _quoteBytes = [];
    private byte[] _orderBytes = [];

    [GlobalSetup]
    public void SetUp()
    {
        _quoteBytes = MessagePackSerializer.Serialize(_quote, _options);
        _orderBytes = MessagePackSerializer.Serialize(_order, _options);
    }

    [Benchmark]
    public int WriteRecord()
    {
        _buffer.ResetWrittenCount();
        MessagePackSerializer.Serialize(_buffer, _quote, _options);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public FormattedQuote ReadRecord() => MessagePackSerializer.Deserialize<FormattedQuote>(_quoteBytes, _options);

    [Benchmark]
    public int WriteClass()
    {
        _buffer.ResetWrittenCount();
        MessagePackSerializer.Serialize(_buffer, _order, _options);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public FormattedOrder ReadClass() => MessagePackSerializer.Deserialize<FormattedOrder>(_orderBytes, _options);
}

/// <summary>An immutable record with a generated formatter (no MessagePack attributes).</summary>
[ActorMessage]
public sealed record FormattedQuote(int InstrumentId, string Symbol, decimal Price);

/// <summary>A mutable class with a generated formatter (no MessagePack attributes).</summary>
[ActorMessage]
public sealed class FormattedOrder
{
    public int OrderId { get; set; }

    public string Customer { get; set; } = "";

    public double Total { get; set; }

    public List<int> Quantities { get; set; } = [];
}

using CsCheck;
using MessagePack;
using TypedActors.Copying.Serialization;

namespace TypedActors.Tests.Copying;

public class BadInputTests
{
    private static readonly MessagePackSerializerOptions Options = ActorMessagePack.CreateOptions();

    // The loops run on a thread of their own: the deadline guards against a hang in the reader, and must not also
    // count the time a task waits for a thread-pool thread while the other test classes keep the pool busy.
    private static Task OnOwnThread(Action loop) =>
        Task.Factory.StartNew(loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static byte[] SampleBytes() =>
        MessagePackSerializer.Serialize(MessageGenerators.Everything.Where(m => m.Names.Count > 0 && m.Shape is not null).Single(), Options);

    [Fact]
    public async Task Every_truncation_of_a_payload_throws_MessagePackSerializationException()
    {
        byte[] bytes = SampleBytes();
        await OnOwnThread(() =>
        {
            for (int length = 0; length < bytes.Length; length++)
            {
                byte[] truncated = bytes[..length];
                Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Everything>(truncated, Options));
            }
        }).Within();
    }

    [Fact]
    public async Task Corrupted_payloads_either_read_or_throw_MessagePackSerializationException() =>
        await OnOwnThread(() =>
        {
            byte[] bytes = SampleBytes();
            Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte).Array[1, 8].Sample(corruptions =>
            {
                byte[] corrupted = (byte[])bytes.Clone();
                foreach ((int index, byte value) in corruptions)
                {
                    corrupted[index] = value;
                }

                try
                {
                    MessagePackSerializer.Deserialize<Everything>(corrupted, Options);
                }
                catch (MessagePackSerializationException)
                {
                    // the expected failure; anything else fails the test
                }
            }, iter: 2000);
        }).Within();

    [Theory]
    [InlineData(new byte[] { 0xdf, 0xff, 0xff, 0xff, 0xff })] // a map claiming four billion entries
    [InlineData(new byte[] { 0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01 })] // an array header where a map belongs
    [InlineData(new byte[] { 0x81, 0x01, 0x02 })] // an integer key
    [InlineData(new byte[] { 0xc1 })] // a byte MessagePack never uses
    public void Malformed_payloads_throw_MessagePackSerializationException(byte[] payload) =>
        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Everything>(payload, Options));

    [Fact]
    public void An_unknown_union_case_throws_MessagePackSerializationException()
    {
        byte[] bytes = MessagePackSerializer.ConvertFromJson("""["Evil.Type",{"Radius":1}]""");
        var exception = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Shape>(bytes, Options));
        Assert.Contains("Evil.Type", exception.InnerException?.Message ?? exception.Message);
    }
}

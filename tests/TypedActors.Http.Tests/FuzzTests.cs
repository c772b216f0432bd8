using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MessagePack;

namespace TypedActors.Http.Tests;

/// <summary>
/// A seeded fuzz of 60,000 requests: mutated JSON and raw MessagePack with broken lengths, types, truncations and huge
/// declared lengths, sent to every kind of operation. Not one may get a 5xx, and the server must be healthy after.
/// </summary>
public sealed class FuzzTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    private const int Requests = 60_000;
    private const int Workers = 4;

    private static readonly byte[][] s_validMessagePack =
    [
        MessagePackSerializer.ConvertFromJson("""{"Customer":"ada","Lines":[{"Sku":"pen","Quantity":2}]}"""),
        MessagePackSerializer.ConvertFromJson("""{"By":3}"""),
        MessagePackSerializer.ConvertFromJson("""{"Start":5}"""),
        MessagePackSerializer.ConvertFromJson("""{"From":{"kind":"accounts","id":"a"},"To":{"kind":"accounts","id":"b"},"Amount":"1"}"""),
    ];

    private static readonly string[] s_validJson =
    [
        """{"customer":"ada","lines":[{"sku":"pen","quantity":2}]}""",
        """{"by":3}""",
        """{"start":5}""",
        """{"from":{"kind":"accounts","id":"a"},"to":{"kind":"accounts","id":"b"},"amount":1.5}""",
        """{"target":{"Id":1,"ActorType":"x"}}""",
    ];

    // Headers that declare lengths or counts far beyond any body: bin/str/ext 8/16/32, array/map 16/32.
    private static readonly byte[] s_lengthCodes = [0xc4, 0xc5, 0xc6, 0xd9, 0xda, 0xdb, 0xc7, 0xc8, 0xc9, 0xdc, 0xdd, 0xde, 0xdf];

    [Fact]
    public async Task Sixty_thousand_mutated_requests_get_no_5xx_and_leave_the_server_healthy()
    {
        string shop = GatewayServer.NewId();
        string counter = GatewayServer.NewId();
        string teller = GatewayServer.NewId();
        (await server.PutAsync($"/actors/shops/{shop}")).Dispose();
        (await server.PutAsync($"/actors/counters/{counter}")).Dispose();
        (await server.PutAsync($"/actors/tellers/{teller}")).Dispose();
        (await server.PutAsync("/actors/accounts/a", """{"opening": 100}""")).Dispose();
        (await server.PutAsync("/actors/accounts/b", """{"opening": 0}""")).Dispose();
        (HttpMethod Method, string Path)[] targets =
        [
            (HttpMethod.Post, $"/actors/shops/{shop}/Order"), (HttpMethod.Post, $"/actors/counters/{counter}/Increment"),
            (HttpMethod.Post, $"/actors/counters/{counter}/GetCount"), (HttpMethod.Put, "/actors/counters/{new}"),
            (HttpMethod.Post, $"/actors/tellers/{teller}/Transfer"), (HttpMethod.Post, $"/actors/tellers/{teller}/Reap"),
            (HttpMethod.Put, "/actors/accounts/{new}"), (HttpMethod.Post, "/actors/accounts/a/Deposit"),
        ];

        var clock = Stopwatch.StartNew();
        Dictionary<int, int>[] statuses = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1_000 + worker); // seeded: a failure names its worker and request, and replays
            var counts = new Dictionary<int, int>();
            for (int i = 0; i < Requests / Workers; i++)
            {
                bool messagePack = random.Next(2) == 0;
                byte[] body = messagePack ? MutateMessagePack(random) : MutateJson(random);
                (HttpMethod method, string path) = targets[random.Next(targets.Length)];
                path = path.Replace("{new}", $"f{worker}-{i}", StringComparison.Ordinal);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(messagePack ? "application/x-msgpack" : "application/json");
                using var request = new HttpRequestMessage(method, path) { Content = content };
                using HttpResponseMessage response = await server.Client.SendAsync(request);
                int status = (int)response.StatusCode;
                counts[status] = counts.GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    Assert.Fail($"worker {worker}, request {i}: {method} {path} with {Convert.ToHexString(body)} got {status}: " +
                        await response.Content.ReadAsStringAsync());
                }

                if (method == HttpMethod.Put && status == (int)HttpStatusCode.Created)
                {
                    (await server.Client.DeleteAsync(path)).Dispose(); // keep the kinds under their actor limit
                }
            }

            return counts;
        })));

        Dictionary<int, int> total = statuses.SelectMany(s => s).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        string summary = string.Join(", ", total.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")) + $" in {clock.Elapsed.TotalSeconds:F1} s";
        Assert.Equal(Requests, total.Values.Sum());
        Assert.True(total.GetValueOrDefault(400) > Requests / 4, summary); // mostly rejected, as mutations should be
        Assert.True(total.Where(s => s.Key < 300).Sum(s => s.Value) > Requests / 100, summary); // and some accepted

        // Healthy: actors whose handlers cannot fail still answer, and new actors spawn and work. (The accounts and the
        // teller may have ended by their own handlers' failures, e.g. a decimal overflow from a huge deposit, as any
        // unsupervised actor does; that is the actors' business, and no 5xx.)
        using HttpResponseMessage order = await server.PostAsync($"/actors/shops/{shop}/Order", """{"customer":"ok","lines":[]}""");
        using HttpResponseMessage count = await server.PostAsync($"/actors/counters/{counter}/GetCount");
        string fresh = GatewayServer.NewId();
        using HttpResponseMessage spawn = await server.PutAsync($"/actors/tellers/{fresh}");
        using HttpResponseMessage state = await server.Client.GetAsync($"/actors/tellers/{fresh}");
        Assert.True(order.StatusCode == HttpStatusCode.OK, $"shop: {order.StatusCode}");
        Assert.True(count.StatusCode == HttpStatusCode.OK, $"counter: {count.StatusCode}");
        Assert.Equal(HttpStatusCode.Created, spawn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
    }

    private static byte[] MutateJson(Random random)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s_validJson[random.Next(s_validJson.Length)]);
        return random.Next(4) switch
        {
            0 => Truncate(random, bytes),
            1 => Flip(random, bytes),
            2 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("2", random.Next(3) switch
            {
                0 => "1e400",
                1 => "\"two\"",
                _ => "99999999999999999999999",
            }, StringComparison.Ordinal)),
            _ => Insert(random, bytes, Encoding.UTF8.GetBytes(random.Next(3) switch
            {
                0 => "\"\\ud800\"",
                1 => "[[[[[[[[",
                _ => "{\"Id\":7}",
            })),
        };
    }

    private static byte[] MutateMessagePack(Random random)
    {
        byte[] bytes = s_validMessagePack[random.Next(s_validMessagePack.Length)].ToArray();
        switch (random.Next(5))
        {
            case 0:
                return Truncate(random, bytes);
            case 1:
                return Flip(random, bytes);
            case 2:
                // A length or count header declaring up to 2^32 - 1, where a value starts.
                byte code = s_lengthCodes[random.Next(s_lengthCodes.Length)];
                byte[] huge = [code, 0xff, 0xff, 0xff, 0xff];
                return Insert(random, bytes, huge.AsSpan(0, random.Next(1, huge.Length + 1)).ToArray());
            case 3:
                // A value of another type in place of a byte: nil, bool, float, ext, negative fixint, reserved 0xc1.
                byte[] types = [0xc0, 0xc2, 0xcb, 0xd4, 0xe0, 0xc1, 0x90, 0x80];
                bytes[random.Next(bytes.Length)] = types[random.Next(types.Length)];
                return bytes;
            default:
                byte[] noise = new byte[random.Next(1, 24)];
                random.NextBytes(noise);
                return noise;
        }
    }

    private static byte[] Truncate(Random random, byte[] bytes) => bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();

    private static byte[] Flip(Random random, byte[] bytes)
    {
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static byte[] Insert(Random random, byte[] bytes, byte[] inserted)
    {
        int at = random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
    }
}

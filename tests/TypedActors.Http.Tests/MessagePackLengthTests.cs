using System.Net.Http.Headers;

namespace TypedActors.Http.Tests;

/// <summary>MessagePack headers that declare more than the body holds, up to 2^32 - 1 bytes or items: always 400.</summary>
public sealed class MessagePackLengthTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    public static TheoryData<string> HugeDeclaredLengths => new()
    {
        "c6 80 00 00 00", // bin 32 of 2^31 bytes
        "c6 ff ff ff ff", // bin 32 of 2^32 - 1 bytes
        "db 80 00 00 00", // str 32
        "c9 80 00 00 00 01", // ext 32
        "dd 80 00 00 00", // array 32 of 2^31 items
        "df ff ff ff ff", // map 32
        "81 a1 41 c6 80 00 00 00", // a member whose value is a huge bin
        "c5 ff", // bin 16, truncated header
        "d9", // str 8 without its length
    };

    [Theory]
    [MemberData(nameof(HugeDeclaredLengths))]
    public async Task A_declared_length_beyond_the_body_is_400_for_PUT_and_POST(string hex)
    {
        byte[] body = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        string shop = GatewayServer.NewId();
        (await server.PutAsync($"/actors/shops/{shop}")).Dispose();

        await GatewayServer.AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/actors/counters/{GatewayServer.NewId()}", body), 400);
        await GatewayServer.AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/actors/shops/{shop}/Order", body), 400);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await server.Client.SendAsync(request);
    }
}

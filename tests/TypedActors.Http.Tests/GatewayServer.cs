using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedActors.Http.Tests;

/// <summary>A real Kestrel server on a loopback port chosen by the OS, with the gateway mapped and an HttpClient.</summary>
public sealed class GatewayServer : IAsyncLifetime
{
    private WebApplication? _app;

    public ActorSystem System { get; } = new(new ActorSystemOptions { Name = "gateway-tests" });

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Lets a test class change the options before the server starts.</summary>
    public Action<ActorGatewayOptions>? Configure { get; init; }

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapActors(System, options =>
        {
            options.Expose("counters", (CreateCounter m) => new Counter(m.Start));
            options.Expose<Shop>("shops");
            options.Expose<Pair>("pairs");
            options.Expose<Hoarder>("hoarders");
            options.Expose("accounts", (OpenAccount m) => new Account(m.Opening));
            options.Expose<Teller>("tellers");
            options.Expose<Vault>("vaults");
            options.Expose<Inbox>("inboxes");
            options.Expose<Cache<string, int>>("caches");
            options.MaxBodyBytes = 4096;
            options.MaxActorsPerKind = 1_000;
            Configure?.Invoke(options);
        });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await System.DisposeAsync();
    }

    /// <summary>A unique id, so tests sharing a server never collide.</summary>
    public static string NewId() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<HttpResponseMessage> PutAsync(string path, string? json = null) =>
        await Client.PutAsync(path, json is null ? null : Json(json));

    public async Task<HttpResponseMessage> PostAsync(string path, string json = "{}") => await Client.PostAsync(path, Json(json));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using HttpResponseMessage response = await Client.GetAsync(path);
        Assert.Equal(global::System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> that leaks no server internals.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("TypedActors.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement problem = document.RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static MediaTypeWithQualityHeaderValue MessagePackMedia => new("application/x-msgpack");
}

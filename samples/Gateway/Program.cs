using Bank;
using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TypedActors;
using TypedActors.Diagnostics;
using TypedActors.Http;
using TypedActors.Http.Observer;

// An HTTP gateway in front of two actor kinds: counters and the bank's accounts. See docs/http.md for the protocol.
// The actor system is a hosted service: it starts with the web host and stops its actors gracefully with it.
// With --metrics, the TypedActors meter is printed to the console every 10 seconds (OpenTelemetry console exporter);
// `dotnet-counters monitor --counters TypedActors -n Gateway` shows the same instruments live.
bool printMetrics = args.Contains("--metrics");
WebApplicationBuilder builder = WebApplication.CreateBuilder([.. args.Where(a => a != "--metrics")]); // a flag, not a setting
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");
builder.Services.AddTypedActors(options => options.Name = "gateway");
builder.Services.AddProblemDetails(); // gateway problems go through it, with a traceId
builder.Services.AddOpenApi();
if (printMetrics)
{
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
        .AddMeter(ActorTelemetry.Name)
        .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
}

WebApplication app = builder.Build();
ActorSystem system = app.Services.GetRequiredService<ActorSystem>();

app.MapActors(system, actors =>
{
    actors.Expose("counters", (CreateCounter m) => new Counter(m.Start));
    actors.Expose("accounts", (OpenAccount m) => new Account(m.OpeningBalance));
});
app.MapOpenApi(); // the gateway's description: /openapi/v1.json

// The observer page, http://127.0.0.1:5080/observer/ (docs/observer.md). No policy here, so it answers local requests
// only; a real application adds .RequireAuthorization("operators") and, for stop and kill, options.EnableActions(...).
app.MapActorsObserver(system, "/observer");

await app.RunAsync();

namespace Gateway
{
    /// <summary>The body of <c>PUT /actors/accounts/{id}</c>: the opening balance of the new account.</summary>
    [ActorMessage]
    public sealed record OpenAccount(decimal OpeningBalance);
}

using Bank;
using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using TypedActors;
using TypedActors.Http;

// An HTTP gateway in front of two actor kinds: counters and the bank's accounts. See docs/http.md for the protocol.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");

await using var system = new ActorSystem(new ActorSystemOptions { Name = "gateway" });
WebApplication app = builder.Build();

app.MapActors(system, actors => actors
    .Expose("counters", (CreateCounter m) => new Counter(m.Start))
    .Expose("accounts", (OpenAccount m) => new Account(m.OpeningBalance)));

await app.RunAsync();

namespace Gateway
{
    /// <summary>The body of <c>PUT /actors/accounts/{id}</c>: the opening balance of the new account.</summary>
    [ActorMessage]
    public sealed record OpenAccount(decimal OpeningBalance);
}

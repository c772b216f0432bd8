using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TypedActors.Http.Tests;

/// <summary>
/// A gateway as a production app would set it up: an authentication scheme, per-kind policies, a rate limiter that
/// answers 429 with Retry-After, customised problem details and the OpenAPI document. Counters are public, accounts
/// need the "tellers" policy and killing one the "admins" policy too, shops are rate limited.
/// </summary>
public sealed class SecuredGatewayServer : IAsyncLifetime
{
    public const string ShopsPerWindow = "2";
    private WebApplication? _app;

    public ActorSystem System { get; } = new(new ActorSystemOptions { Name = "secured-gateway-tests" });

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(RoleHeaderHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, RoleHeaderHandler>(RoleHeaderHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("tellers", policy => policy.RequireRole("teller"))
            .AddPolicy("admins", policy => policy.RequireRole("admin"));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["service"] = "bank");
        builder.Services.AddRateLimiter(options =>
        {
            options.AddFixedWindowLimiter("shops", limiter =>
            {
                limiter.PermitLimit = int.Parse(ShopsPerWindow, CultureInfo.InvariantCulture);
                limiter.Window = TimeSpan.FromMinutes(1);
                limiter.QueueLimit = 0;
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddOpenApi();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.UseRateLimiter();
        _app.MapActors(System, actors =>
        {
            actors.Expose("counters", (CreateCounter m) => new Counter(m.Start)).AllowAnonymous();
            actors.Expose("accounts", (OpenAccount m) => new Account(m.Opening)).RequireAuthorization("tellers")
                .Kill.RequireAuthorization("admins");
            actors.Expose<Shop>("shops").RequireRateLimiting("shops");
            actors.Expose<Teller>("tellers");
        });
        _app.MapOpenApi();
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
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

    /// <summary>A request as the user with <paramref name="roles"/> (comma-separated), or anonymous when null.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? roles = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (roles is not null)
        {
            request.Headers.Add(RoleHeaderHandler.Header, roles);
        }

        if (json is not null)
        {
            request.Content = GatewayServer.Json(json);
        }

        return Client.SendAsync(request);
    }

    /// <summary>
    /// Authenticates a request that carries the roles header as a user in those roles; one without it is anonymous, so
    /// a policy challenges it (401) and a user without the role is forbidden (403).
    /// </summary>
    internal sealed class RoleHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "RoleHeader";
        public const string Header = "X-Test-Roles";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out Microsoft.Extensions.Primitives.StringValues roles))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            Claim[] claims = [new(ClaimTypes.Name, "tester"), .. roles.ToString().Split(',').Select(role => new Claim(ClaimTypes.Role, role.Trim()))];
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}

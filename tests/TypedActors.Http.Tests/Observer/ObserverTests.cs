using System.Net;
using System.Text.Json;
using TypedActors.Http.Observer;
using TypedActors.Testing;

namespace TypedActors.Http.Tests.Observer;

/// <summary>The observer page over HTTP: what it serves, what its frames say, and that it samples only while watched.</summary>
public sealed class ObserverTests
{
    [Fact]
    public async Task The_page_and_its_assets_come_from_the_assembly_with_a_strict_content_policy()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();

        using HttpResponseMessage redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress }
            .GetAsync("/observer");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/observer/", redirect.Headers.Location?.OriginalString);

        using HttpResponseMessage page = await host.Client.GetAsync("/observer/");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"observer.js\"></script>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal); // nothing from elsewhere
        string policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);

        string script = await host.Client.GetStringAsync("/observer/observer.js");
        Assert.Contains("new EventSource('events')", script);
        string charts = await host.Client.GetStringAsync("/observer/charts.js");
        Assert.Contains("export function lineChart", charts);
        Assert.DoesNotContain("innerHTML", script + charts); // application text is always set as text
        using HttpResponseMessage style = await host.Client.GetAsync("/observer/observer.css");
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/observer/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Nothing_is_sampled_until_a_page_connects_and_sampling_stops_when_the_last_one_leaves()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        string session = await host.Client.GetStringAsync("/observer/api/session");
        Assert.False(host.Hub.IsSampling);
        Assert.False(host.Hub.Local.IsActive); // not even subscribed to dead letters and failures
        Assert.Equal(0, host.Hub.Local.SamplesTaken);

        await using (FrameStream first = await FrameStream.OpenAsync(host.Client))
        await using (FrameStream second = await FrameStream.OpenAsync(host.Client))
        {
            await first.NextAsync();
            await second.NextAsync();
            Assert.True(host.Hub.IsSampling);
            Assert.True(host.Hub.Local.IsActive);
            Assert.Equal(2, host.Hub.ClientCount);
        }

        await Deadline.Until(() => host.Hub.ClientCount == 0 && !host.Hub.IsSampling && !host.Hub.Local.IsActive);
        long taken = host.Hub.Local.SamplesTaken;
        Assert.True(taken > 0);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(session, await host.Client.GetStringAsync("/observer/api/session"));
        }

        Assert.Equal(taken, host.Hub.Local.SamplesTaken);
    }

    [Fact]
    public async Task Frames_count_actors_by_class_and_show_a_flooded_mailbox_rise_and_drain()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        await using FrameStream frames = await FrameStream.OpenAsync(host.Client);
        await frames.NextAsync();

        await host.Client.PostAsync("/scene/drones?count=1000", null);
        JsonElement counted = await frames.UntilAsync(frame => frame.Node().TypeCount("Drone") == 1_000);
        Assert.Equal("local", counted.Node().GetProperty("node").GetString());
        Assert.Equal(4, counted.Node().TypeCount("Worker")); // three in the manager's team, one befriended by the victim
        Assert.Equal(1_007, counted.Node().GetProperty("actors").GetInt32()); // with the sink, the victim and the manager

        await host.Client.PostAsync("/scene/flood?count=2000", null);
        JsonElement flooded = await frames.UntilAsync(frame => frame.Node().Busiest("Sink")?.GetProperty("queued").GetInt64() == 1_999);
        Assert.Equal("Sink", flooded.Node().GetProperty("busiest")[0].GetProperty("type").GetString()); // deepest first

        await host.Client.PostAsync("/scene/release", null);
        await frames.UntilAsync(frame => frame.Node().GetProperty("queued").GetInt64() == 0);
        Assert.Equal(2_000, await host.Sink.Address.Ask<long>(new GetReceived()).Within());
    }

    [Fact]
    public async Task Dead_letters_are_counted_by_reason_and_failures_carry_their_exception_and_stack_trace()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        await using FrameStream frames = await FrameStream.OpenAsync(host.Client);
        await frames.NextAsync();

        await host.Client.PostAsync("/scene/dead-letter", null);
        JsonElement dead = (await frames.UntilAsync(frame => frame.Node().GetProperty("deadLetters").GetProperty("RecipientDead").GetInt64() == 1)).Node();
        JsonElement latest = dead.GetProperty("recentDeadLetters")[0];
        Assert.Equal("RecipientDead", latest.GetProperty("reason").GetString());
        Assert.Equal("Work", latest.GetProperty("message").GetString());
        Assert.Equal("Worker", latest.GetProperty("recipient").GetProperty("type").GetString());
        Assert.False(latest.GetProperty("recipient").TryGetProperty("handle", out _)); // a dead actor has no handle

        await host.Client.PostAsync("/scene/failure", null);
        JsonElement failed = (await frames.UntilAsync(frame => frame.Node().GetProperty("failures").GetInt64() == 1)).Node();
        JsonElement failure = failed.GetProperty("recentFailures")[0];
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.GetProperty("exception").GetString());
        Assert.StartsWith("observer test failure", failure.GetProperty("message").GetString());
        Assert.Contains(nameof(Victim), failure.GetProperty("stackTrace").GetString());
        Assert.Equal("Victim", failure.GetProperty("actor").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Frames_name_actors_by_handle_and_class_never_by_internal_id_or_namespace()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        await using FrameStream frames = await FrameStream.OpenAsync(host.Client);
        await host.Client.PostAsync("/scene/flood?count=10", null);
        JsonElement frame = await frames.UntilAsync(f => f.Node().Busiest("Sink") is not null);
        string text = frame.GetRawText();

        string handle = frame.Node().Busiest("Sink")!.Value.GetProperty("handle").GetString()!;
        Assert.Matches("^[0-9a-f]{16}$", handle);
        Assert.DoesNotContain(typeof(Sink).Namespace!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"#{host.Sink.Address.Id}", text, StringComparison.Ordinal);
    }
}

public sealed record GetReceived;

/// <summary>Lets a test read how much a sink received (a handler on the test's side of the partial class).</summary>
public partial class Sink
{
    [Receive] long On(GetReceived _) => Received;
}

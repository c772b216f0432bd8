using TypedActors;

namespace UpgradeApp;

#if MESSAGE_V2
/// <summary>Version 2: two members added, an optional one and one whose constructor default is not zero.</summary>
public sealed record Greeting(string Text, string? Sender = null, int Priority = 1);
#else
/// <summary>Version 1.</summary>
public sealed record Greeting(string Text);
#endif

/// <summary>Asks <see cref="Other"/> a greeting from this silo and answers with what came back.</summary>
public sealed record AskBack(ActorRef<Inbox> Other);

public sealed record GetLog;

/// <summary>Says what it read of each greeting, in this silo's version of the type; keeps a log of what it handled.</summary>
public partial class Inbox : Actor
{
    private readonly List<string> _log = [];

    [Receive]
    public string On(Greeting greeting)
    {
#if MESSAGE_V2
        string read = $"v2 read '{greeting.Text}', sender {greeting.Sender ?? "(none)"}, priority {greeting.Priority}";
#else
        string read = $"v1 read '{greeting.Text}'";
#endif
        _log.Add(read);
        return read;
    }

    [Receive]
    public async Task<string> On(AskBack ask)
    {
#if MESSAGE_V2
        var greeting = new Greeting("hello from v2", Sender: "v2 silo", Priority: 7);
#else
        var greeting = new Greeting("hello from v1");
#endif
        string answer = await ask.Other.Ask(greeting, TimeSpan.FromSeconds(30));
        _log.Add($"asked back: {answer}");
        return answer;
    }

    [Receive]
    public string[] On(GetLog request) => [.. _log];
}

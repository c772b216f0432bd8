namespace TypedActors.Benchmarks.PingPong;

using Proto;
using TypedActors.Benchmarks.Shared;

/// <summary>Proto.Actor with its default dispatcher and unbounded mailbox; the parties know each other's PID and <c>Send</c>.</summary>
public sealed class ProtoPingPong : IPingPong
{
    private readonly ActorSystem _system = new();
    private readonly PID _server;
    private readonly PID _returner;

    public ProtoPingPong()
    {
        _server = _system.Root.Spawn(Props.FromProducer(() => new ProtoServer()));
        PID server = _server;
        _returner = _system.Root.Spawn(Props.FromProducer(() => new ProtoReturner(server)));
    }

    public Task Play(Rally rally)
    {
        _system.Root.Send(_server, new ProtoServe(rally, _returner));
        return rally.Completed;
    }

    public async ValueTask DisposeAsync() => await _system.ShutdownAsync().ConfigureAwait(false);
}

public sealed record ProtoServe(Rally Rally, PID Partner);

public sealed class ProtoServer : IActor
{
    private Rally? _rally;
    private PID? _partner;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Token ball:
                if (_rally!.BallReturned())
                {
                    context.Send(_partner!, ball);
                }

                break;
            case ProtoServe serve:
                _rally = serve.Rally;
                _partner = serve.Partner;
                for (int i = 0; i < serve.Rally.Opening; i++)
                {
                    context.Send(_partner, Token.Instance);
                }

                break;
        }

        return Task.CompletedTask;
    }
}

public sealed class ProtoReturner(PID server) : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Token ball)
        {
            context.Send(server, ball);
        }

        return Task.CompletedTask;
    }
}

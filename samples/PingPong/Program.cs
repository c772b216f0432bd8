using System.Diagnostics;
using PingPong;
using TypedActors;

// Two actors bounce a ball N times; prints the message rate. Usage: dotnet run -c Release --project samples/PingPong -- [exchanges]
int exchanges = args.Length > 0 && int.TryParse(args[0], out int n) && n > 0 ? n : 1_000_000;

await using var system = new ActorSystem();
ActorRef<Player> ping = system.Spawn<Player>();
ActorRef<Player> pong = system.Spawn<Player>();

var stopwatch = Stopwatch.StartNew();
ping.Tell(new Ball(pong, exchanges));
ExitReason[] endings = await Task.WhenAll(ping.Completion, pong.Completion);
stopwatch.Stop();

double seconds = stopwatch.Elapsed.TotalSeconds;
Console.WriteLine($"{exchanges:N0} exchanges ({2L * exchanges:N0} messages) in {seconds:F3} s: {2 * exchanges / seconds:N0} messages/s");
Console.WriteLine($"players stopped: {string.Join(", ", endings.Select(e => e.ToString()))}");

namespace PingPong
{
    /// <summary>The ball: whoever receives it returns it to <paramref name="ReturnTo"/> until none remain.</summary>
    public sealed record Ball(ActorRef<Player> ReturnTo, int Remaining);

    /// <summary>Tells the opponent the rally is over.</summary>
    public sealed record GameOver;

    /// <summary>Returns every ball; the player who receives the last one ends the game and both stop.</summary>
    public partial class Player : Actor
    {
        [Receive]
        void On(Ball ball)
        {
            if (ball.Remaining == 0)
            {
                ball.ReturnTo.Tell(new GameOver());
                Stop();
                return;
            }

            ball.ReturnTo.Tell(new Ball(Self, ball.Remaining - 1));
        }

        [Receive] void On(GameOver _) => Stop();
    }
}

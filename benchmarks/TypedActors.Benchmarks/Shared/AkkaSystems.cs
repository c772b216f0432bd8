namespace TypedActors.Benchmarks.Shared;

using Akka.Actor;

/// <summary>Creates the Akka.NET systems of the benchmarks: default settings, logging reduced to warnings so it stays off the console.</summary>
public static class AkkaSystems
{
    public static ActorSystem Create() => ActorSystem.Create("benchmarks", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
}

namespace TypedActors.Package.Tests;

/// <summary>
/// One consumer project holding one mistake per file, each line that must fail marked <c>// error ID</c>, plus
/// idiomatic actor code that must build clean with CA1822, CA2007, IDE0051 and IDE0060 switched on, and controls
/// proving those rules and TA2006 do fire where they should. A class that is not partial but uses what the generator
/// would add to it keeps the compiler's errors for that use (C# cannot resolve them), after its TA1001. <see cref="CompilerMistakeTests"/> builds it once.
/// </summary>
internal static class MistakeSources
{
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        ["Directory.Build.props"] = """
            <Project>
              <PropertyGroup>
                <EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>
              </PropertyGroup>
            </Project>
            """,
        [".editorconfig"] = """
            root = true

            [{Idiomatic.cs,Control.cs}]
            dotnet_diagnostic.CA1822.severity = warning
            dotnet_diagnostic.CA2007.severity = warning
            dotnet_diagnostic.IDE0051.severity = warning
            dotnet_diagnostic.IDE0060.severity = warning

            [SilencedByEditorConfig.cs]
            dotnet_diagnostic.TA2006.severity = none
            """,
        ["Program.cs"] = """
            using TypedActors;

            await using var system = new ActorSystem();
            ActorRef<Counter> counter = system.Spawn<Counter>();
            counter.Tell(new Increment());
            counter.Tell("hello"); // error TA1009
            int count = await counter.Ask("hello"); // error TA1009
            Console.WriteLine(count + await counter.Ask(new GetCount()));
            system.Spawn<Sleeper>().Tell(new Pause());
            system.Spawn(() => new NotPartial()).Tell(new Pause());

            public sealed record Increment;
            public sealed record GetCount;
            public sealed record Pause;

            public partial class Counter : Actor
            {
                private int _count;

                [Receive] void On(Increment _) => _count++;
                [Receive] int On(GetCount _) => _count;
            }

            public partial class Sleeper : Actor
            {
                [Receive] void On(Pause _) { }
            }
            """,
        ["NotPartial.cs"] = """
            using TypedActors;

            public class NotPartial : Actor // error TA1001
            {
                [Receive] void On(Pause _) { }
            }
            """,
        ["NotPartialUsingSelf.cs"] = """
            using TypedActors;

            public class NotPartialUsingSelf : Actor // error TA1001
            {
                [Receive]
                void On(Pause _)
                {
                    Self.Tell(new Pause()); // error CS0103
                    Spawn<NotPartialUsingSelf>(); // error CS0311
                }
            }
            """,
        ["AsyncVoidHandler.cs"] = """
            using TypedActors;

            public partial class AsyncVoidHandler : Actor
            {
                [Receive] async void On(Pause _) => await Task.Yield(); // error TA1002
            }
            """,
        ["Idiomatic.cs"] = """
            using TypedActors;

            public sealed record Ping(int Id);

            public sealed partial class Idiomatic : Actor
            {
                [Receive] string On(Ping ping) => "pong"; // CA1822 and IDE0060 do not apply to a handler

                [Receive]
                async Task<int> On(GetCount request, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken); // nor CA2007 to actor code
                    return 1;
                }
            }
            """,
        ["Control.cs"] = """
            public static class Control
            {
                public static async Task<int> WaitAsync(int unused) // error IDE0060
                {
                    await Task.Delay(1); // error CA2007
                    return new Helper().Twice(2);
                }
            }

            public sealed class Helper
            {
                public int Twice(int x) => x * 2; // error CA1822
            }
            """,
        ["Unsilenced.cs"] = """
            using TypedActors;

            [Immutable]
            public sealed class Handle(Action callback)
            {
                public Action Callback { get; } = callback;
            }

            public partial class Unsilenced : Actor
            {
                [Receive] void On(Handle handle) { } // error TA2006
            }
            """,
        ["SilencedByPragma.cs"] = """
            using TypedActors;

            [Immutable]
            public sealed class PragmaHandle(Action callback)
            {
                public Action Callback { get; } = callback;
            }

            public partial class SilencedByPragma : Actor
            {
            #pragma warning disable TA2006 // never leaves this process
                [Receive] void On(PragmaHandle handle) { }
            #pragma warning restore TA2006
            }
            """,
        ["SilencedByEditorConfig.cs"] = """
            using TypedActors;

            [Immutable]
            public sealed class ConfigHandle(Action callback)
            {
                public Action Callback { get; } = callback;
            }

            public partial class SilencedByEditorConfig : Actor
            {
                [Receive] void On(ConfigHandle handle) { }
            }
            """,
    };
}

using Microsoft.CodeAnalysis;
using TypedActors.Generators.Tests.Infrastructure;

namespace TypedActors.Generators.Tests.Persistence;

/// <summary>
/// Events written by version 1 of an event type are recovered by version 2 of it: both versions are compiled with the
/// generator, loaded side by side, and run against one SQLite journal file, version 1 writing and version 2 reading.
/// </summary>
public sealed class WireEvolutionTests : IDisposable
{
    private static readonly MetadataReference[] JournalReferences =
    [
        MetadataReference.CreateFromFile(typeof(TypedActors.Persistence.Sqlite.SqliteJournal).Assembly.Location),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("typedactors-wire-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A journal a failing test left open; the temporary folder is cleaned by the system.
        }
    }

    private const string Version1 = "public sealed record Credited(decimal Amount, string Note);";

    [Fact]
    public async Task An_added_optional_member_reads_old_events_with_its_default()
    {
        string state = await WriteThenRecover(Version1, """
            public sealed record Credited(decimal Amount, string Note, string? Currency = null);
            """,
            "e.Amount + \" \" + e.Note + \" \" + (e.Currency ?? \"no currency\")");

        Assert.Equal("10 first no currency|32 second no currency", state);
    }

    [Fact]
    public async Task A_renamed_member_with_its_old_wire_name_reads_old_events()
    {
        string state = await WriteThenRecover(Version1, """
            public sealed record Credited([WireName("Amount")] decimal Sum, [property: WireName("Note")] string Memo);
            """,
            "e.Sum + \" \" + e.Memo");

        Assert.Equal("10 first|32 second", state);
    }

    [Fact]
    public async Task A_renamed_type_with_its_old_wire_name_reads_old_events()
    {
        string state = await WriteThenRecover(
            Version1,
            """
            [WireName("Ledger.Credited")]
            public sealed record MoneyCredited(decimal Amount, string Note);
            """,
            "e.Amount + \" \" + e.Note",
            eventType: "MoneyCredited");

        Assert.Equal("10 first|32 second", state);
    }

    [Fact]
    public async Task A_removed_member_is_skipped_in_old_events()
    {
        string state = await WriteThenRecover(Version1, """
            public sealed record Credited(decimal Amount);
            """,
            "e.Amount.ToString()");

        Assert.Equal("10|32", state);
    }

    [Fact]
    public async Task Without_its_wire_name_a_renamed_member_reads_as_its_default()
    {
        // The control for the [WireName] cases: the stored key really is the member's wire name.
        string state = await WriteThenRecover(Version1, """
            public sealed record Credited(decimal Sum, string Note);
            """,
            "e.Sum + \" \" + e.Note");

        Assert.Equal("0 first|0 second", state);
    }

    [Fact]
    public async Task Without_its_wire_name_a_renamed_type_fails_recovery_naming_the_event()
    {
        var failure = await Assert.ThrowsAsync<TypedActors.Persistence.PersistenceRecoveryException>(() => WriteThenRecover(
            Version1,
            "public sealed record MoneyCredited(decimal Amount, string Note);",
            "e.Amount + \" \" + e.Note",
            eventType: "MoneyCredited"));

        Assert.Equal(1, failure.SequenceNr);
    }

    /// <summary>
    /// Version 1 persists two events and stops; version 2, built from <paramref name="eventVersion2"/>, recovers the same
    /// persistence id from the same file and returns what its [Apply] method made of each event, joined by '|'.
    /// </summary>
    private async Task<string> WriteThenRecover(string eventVersion1, string eventVersion2, string describe, string eventType = "Credited")
    {
        string connectionString = $"Data Source={Path.Combine(_folder, "journal.db")}";
        var writer = LoadedAssembly.Build("LedgerV1", JournalReferences, Program(eventVersion1, "Credited", "new Credited(m.Amount, m.Note)", "e.Amount.ToString()"));
        Assert.Equal("10|32", await writer.CallAsync<string>("Ledger.Program", "WriteAsync", connectionString));

        var reader = LoadedAssembly.Build("LedgerV2", JournalReferences, Program(eventVersion2, eventType, construct: null, describe));
        return await reader.CallAsync<string>("Ledger.Program", "RecoverAsync", connectionString);
    }

    /// <summary>The application around the event type; without <paramref name="construct"/> it only recovers.</summary>
    private static string Program(string eventDeclaration, string eventType, string? construct, string describe) => $$"""
        using System.Threading.Tasks;
        using TypedActors;
        using TypedActors.Persistence.Sqlite;

        namespace Ledger;

        {{eventDeclaration}}

        public sealed record Credit(decimal Amount, string Note);
        public sealed record Describe;

        [Persistent(SnapshotEvery = 0)]
        public partial class Book : Actor
        {
            private string _applied = "";

            {{(construct is null ? "" : $"[Receive] async Task<bool> On(Credit m) {{ await Persist({construct}); return true; }}")}}

            [Receive] string On(Describe _) => _applied;

            [Apply] void Apply({{eventType}} e) => _applied += (_applied.Length == 0 ? "" : "|") + {{describe}};
        }

        public static class Program
        {
            public static async Task<string> WriteAsync(string connectionString)
            {
                await using var journal = new SqliteJournal(connectionString);
                await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
                ActorRef<Book> book = await system.SpawnPersistentAsync<Book>("book-1");
                await book.Ask(new Credit(10, "first"));
                await book.Ask(new Credit(32, "second"));
                return await book.Ask(new Describe());
            }

            public static async Task<string> RecoverAsync(string connectionString)
            {
                await using var journal = new SqliteJournal(connectionString);
                await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
                ActorRef<Book> book = await system.SpawnPersistentAsync<Book>("book-1");
                return await book.Ask(new Describe());
            }
        }
        """;
}

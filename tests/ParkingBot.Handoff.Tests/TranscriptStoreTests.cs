using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Relay;
using ParkingBot.Testing;

namespace ParkingBot.Handoff.Tests;

/// <summary>The conversations' recent lines on a real database; a subclass per engine.</summary>
public abstract class TranscriptStoreTests(TestDatabase database) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static TranscriptEntry Line(int i, string? key = null, DateTimeOffset? at = null) =>
        new(at ?? Now.AddSeconds(i), i % 2 == 0 ? TranscriptSender.Customer : TranscriptSender.Bot, "고객", $"line {i}", Key: key);

    [Fact]
    public async Task A_turn_s_lines_are_written_together_in_order_and_a_keyed_line_only_once()
    {
        var transcripts = new ConversationTranscripts(database.Database);

        await transcripts.AppendAsync("directline/c1", [Line(1, "a1/in"), Line(2, "a1/out0"), Line(3, "a1/out1")]);
        await transcripts.AppendAsync("directline/c1", [Line(1, "a1/in"), Line(2, "a1/out0"), Line(3, "a1/out1")]);
        await new ConversationTranscripts(database.Database).AppendAsync("directline/c1", [Line(4)]);

        Assert.Equal(["line 1", "line 2", "line 3", "line 4"], (await transcripts.ReadAsync("directline/c1")).Select(l => l.Text));
        Assert.Empty(await transcripts.ReadAsync("directline/other"));
    }

    [Fact]
    public async Task Only_the_newest_lines_are_read_and_the_sweep_trims_older_ones_away()
    {
        var transcripts = new ConversationTranscripts(database.Database, keepPerConversation: 5);
        for (var i = 1; i <= 40; i++)
        {
            await transcripts.AppendAsync("directline/c1", Line(i));
        }
        await transcripts.AppendAsync("directline/short", Line(1));

        Assert.Equal(["line 36", "line 37", "line 38", "line 39", "line 40"], (await transcripts.ReadAsync("directline/c1")).Select(l => l.Text));
        Assert.Equal(35, await transcripts.RemoveIdleAsync(Now.AddDays(-1), new HashSet<string>()));
        Assert.Equal(["line 36", "line 37", "line 38", "line 39", "line 40"], (await transcripts.ReadAsync("directline/c1")).Select(l => l.Text));
        Assert.Single(await transcripts.ReadAsync("directline/short"));
        Assert.Equal(6, await transcripts.RemoveIdleAsync(Now.AddDays(1), new HashSet<string>()));
    }

    [Fact]
    public async Task Idle_conversations_lose_their_lines_unless_kept()
    {
        var transcripts = new ConversationTranscripts(database.Database);
        await transcripts.AppendAsync("directline/old", Line(1, at: Now.AddDays(-40)));
        await transcripts.AppendAsync("directline/kept", Line(1, at: Now.AddDays(-40)));
        await transcripts.AppendAsync("directline/recent", Line(1, at: Now));

        var removed = await transcripts.RemoveIdleAsync(Now.AddDays(-30), new HashSet<string> { "directline/kept" });

        Assert.Equal(1, removed);
        Assert.Empty(await transcripts.ReadAsync("directline/old"));
        Assert.Single(await transcripts.ReadAsync("directline/kept"));
        Assert.Single(await transcripts.ReadAsync("directline/recent"));
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteTranscriptStoreTests() : TranscriptStoreTests(TestDatabase.Sqlite());

public sealed class PostgresTranscriptStoreTests() : TranscriptStoreTests(TestDatabase.Postgres());

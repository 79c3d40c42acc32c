using System.Text.Json.Nodes;
using ParkingBot.Data;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Relay;
using ParkingBot.Testing;

namespace ParkingBot.Handoff.Tests;

/// <summary>A turn's state and its transcript lines commit together, on a real database; a subclass per engine.</summary>
public abstract class TurnCommitTests(TestDatabase database) : IDisposable
{
    private const string StateKey = "webchat/conversations/c1";
    private const string Conversation = "webchat/c1";

    private static TranscriptEntry Line(string text, string key) =>
        new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), TranscriptSender.Customer, "고객", text, Key: key);

    [Fact]
    public async Task The_lines_of_a_turn_are_written_with_its_state()
    {
        var storage = database.StateStorage();
        var transcripts = new ConversationTranscripts(database.Database);
        var commit = new TurnCommit();
        commit.Stage(StateKey, new StoreItem(new JsonObject { ["step"] = 2 }, null));
        commit.Add(transcripts.Database, transcripts.AppendStatements(Conversation, [Line("주차권 결제 시점", "a1/in"), Line("주차장 이름을 말씀해 주세요", "a1/out0")]));

        await commit.WriteAsync(storage, CancellationToken.None);

        Assert.Equal(2, (int)(await storage.ReadAsync([StateKey]))[StateKey].Document["step"]!);
        Assert.Equal(["주차권 결제 시점", "주차장 이름을 말씀해 주세요"], (await transcripts.ReadAsync(Conversation)).Select(l => l.Text));
    }

    [Fact]
    public async Task A_turn_whose_state_changed_meanwhile_writes_none_of_its_lines()
    {
        var storage = database.StateStorage();
        var transcripts = new ConversationTranscripts(database.Database);
        var etag = (await storage.WriteAsync(new Dictionary<string, StoreItem> { [StateKey] = new(new JsonObject { ["step"] = 1 }, null) }))[StateKey];
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [StateKey] = new(new JsonObject { ["step"] = 5 }, etag) });
        var commit = new TurnCommit();
        commit.Stage(StateKey, new StoreItem(new JsonObject { ["step"] = 2 }, etag));
        commit.Add(transcripts.Database, transcripts.AppendStatements(Conversation, [Line("예", "a2/in")]));

        await Assert.ThrowsAsync<StorageConflictException>(() => commit.WriteAsync(storage, CancellationToken.None));

        Assert.Empty(await transcripts.ReadAsync(Conversation));
        Assert.Equal(5, (int)(await storage.ReadAsync([StateKey]))[StateKey].Document["step"]!);
    }

    [Fact]
    public async Task Lines_of_a_turn_whose_state_is_elsewhere_are_still_written()
    {
        var transcripts = new ConversationTranscripts(database.Database);
        var commit = new TurnCommit();
        commit.Stage(StateKey, new StoreItem(new JsonObject { ["step"] = 1 }, null));
        commit.Add(transcripts.Database, transcripts.AppendStatements(Conversation, [Line("안녕하세요", "a3/in")]));

        await commit.WriteAsync(new MemoryStorage(), CancellationToken.None);

        Assert.Equal(["안녕하세요"], (await transcripts.ReadAsync(Conversation)).Select(l => l.Text));
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteTurnCommitTests() : TurnCommitTests(TestDatabase.Sqlite())
{
    [Fact]
    public async Task Lines_an_earlier_release_kept_in_handoff_db_move_to_the_state_file_once()
    {
        using var database = TestDatabase.Sqlite();
        var earlierFile = database.SqliteFile("handoff.db");
        var earlier = new ConversationTranscripts(new SqliteDatabase(earlierFile));
        await earlier.AppendAsync("webchat/old", [new TranscriptEntry(DateTimeOffset.UtcNow, TranscriptSender.Customer, "고객", "영수증 보냈어요", Key: "o1/in")]);
        await earlier.AppendAsync("webchat/old", [new TranscriptEntry(DateTimeOffset.UtcNow, TranscriptSender.Bot, "bot", "확인했습니다", Key: "o1/out0")]);

        var transcripts = new ConversationTranscripts(database.Database);
        transcripts.MoveLinesFrom(earlierFile);
        transcripts.MoveLinesFrom(earlierFile);

        Assert.Equal(["영수증 보냈어요", "확인했습니다"], (await transcripts.ReadAsync("webchat/old")).Select(l => l.Text));
        await using var connection = await new SqliteDatabase(earlierFile).OpenAsync();
        Assert.Equal(0L, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'transcripts'", []));
    }
}

public sealed class PostgresTurnCommitTests() : TurnCommitTests(TestDatabase.Postgres());

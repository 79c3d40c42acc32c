using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.DirectLine;

/// <summary>
/// The Direct Line log and uploads in a real database: ids and watermarks that survive a restart and are shared by
/// instances, bounded, de-duplicated; a subclass per engine.
/// </summary>
public abstract class DirectLineStoreTests(TestDatabase database) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private const string StateKey = "directline/conversations/c1";

    private SqlDirectLineStore Open(int maxActivities = 1000, long maxBytes = 4 * 1024 * 1024) => new(database.Database, Options.Create(new DirectLineOptions
    {
        MaxLogActivities = maxActivities,
        MaxLogBytes = maxBytes,
    }));

    private static Activity Message(string text) => Activity.CreateMessageActivity(text);

    [Fact]
    public async Task Ids_and_watermarks_continue_after_the_store_is_opened_again()
    {
        var before = Open();
        await before.AppendAsync("c1", Message("a"), null, Now);
        await before.AppendAsync("c1", Message("b"), null, Now);

        var after = Open();
        var next = await after.AppendAsync("c1", Message("c"), null, Now);
        var page = await after.ReadAsync("c1", 0, 100);

        Assert.Equal("c1|0000003", next.Activity.Id);
        Assert.Equal(["c1|0000001", "c1|0000002", "c1|0000003"], page.Activities.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal(3, page.Watermark);
        Assert.Empty((await after.ReadAsync("c1", 3, 100)).Activities);
    }

    [Fact]
    public async Task A_watermark_past_the_end_reads_the_log_again_from_its_start()
    {
        var store = Open();
        await store.AppendAsync("c1", Message("a"), null, Now);

        var page = await store.ReadAsync("c1", 42, 100);

        Assert.Equal(["a"], page.Activities.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal(1, page.Watermark);
    }

    [Fact]
    public async Task An_activity_with_a_delivery_key_already_logged_is_not_logged_again()
    {
        var store = Open();
        var first = await store.AppendAsync("c1", Message("a"), "bot:x#0", Now);
        var again = await store.AppendAsync("c1", Message("a"), "bot:x#0", Now);
        var other = await store.AppendAsync("c2", Message("a"), "bot:x#0", Now);

        Assert.True(first.Appended);
        Assert.False(again.Appended);
        Assert.Equal(first.Activity.Id, again.Activity.Id);
        Assert.Single((await store.ReadAsync("c1", 0, 100)).Activities);
        Assert.True(other.Appended);
    }

    [Fact]
    public async Task A_long_conversation_keeps_only_its_newest_activities_within_the_caps()
    {
        var byCount = Open(maxActivities: 5);
        for (var i = 1; i <= 8; i++)
        {
            await byCount.AppendAsync("count", Message($"m{i}"), null, Now);
        }
        var bySize = Open(maxBytes: 3 * 1024);
        for (var i = 1; i <= 8; i++)
        {
            await bySize.AppendAsync("size", Message(new string('a', 1000) + i), null, Now);
        }

        var kept = await byCount.ReadAsync("count", 0, 100);
        Assert.Equal(["m4", "m5", "m6", "m7", "m8"], kept.Activities.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal(8, kept.Watermark);
        var sized = (await bySize.ReadAsync("size", 0, 100)).Activities;
        // Each of these is about 1.2 KB of JSON: two fit in 3 KB.
        Assert.Equal(["7", "8"], sized.Select(a => a["text"]!.GetValue<string>()[^1..]));
    }

    [Fact]
    public async Task A_conversation_is_started_once_and_idle_ones_are_removed_with_their_logs()
    {
        var store = Open();
        Assert.True(await store.TryStartAsync("old", Now.AddDays(-40)));
        Assert.False(await store.TryStartAsync("old", Now));
        await store.AppendAsync("old", Message("a"), null, Now.AddDays(-40));
        await store.AppendAsync("recent", Message("b"), null, Now);
        await store.AppendAsync("old but kept", Message("c"), null, Now.AddDays(-40));

        var removed = await store.RemoveIdleAsync(Now.AddDays(-30), new HashSet<string> { "old but kept" });

        Assert.Equal(["old"], removed);
        Assert.Single((await store.ReadAsync("old but kept", 0, 100)).Activities);
        Assert.Empty((await store.ReadAsync("old", 0, 100)).Activities);
        Assert.Single((await store.ReadAsync("recent", 0, 100)).Activities);
    }

    [Fact]
    public async Task Instances_appending_to_one_conversation_at_once_give_each_activity_its_own_place()
    {
        var instances = new[] { Open(), Open() };

        var logged = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            instances[i % 2].AppendAsync("c1", Message($"m{i}"), i % 5 == 0 ? "client:dup" : null, Now))));

        // 16 without a key and one of the four that share a delivery key, each at its own watermark 1…17.
        var page = await Open().ReadAsync("c1", 0, 100);
        Assert.Equal(17, page.Activities.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => (long)i), logged.Where(l => l.Appended).Select(l => l.Watermark).Order());
        var sharingAKey = logged.Where((_, i) => i % 5 == 0).ToList();
        Assert.Single(sharingAKey, l => l.Appended);
        Assert.Single(sharingAKey.Select(l => l.Activity.Id).Distinct());
    }

    [Fact]
    public async Task Replies_written_in_a_turns_commit_take_the_next_places_in_order()
    {
        var store = Open();
        await store.AppendAsync("c1", Message("주차권 결제 시점"), "user:u1:a", Now);
        var commit = new TurnCommit();
        commit.Stage(StateKey, new StoreItem(new JsonObject { ["step"] = 1 }, null));
        commit.Add(store.Database, store.AppendStatements("c1", [(Message("주차장 이름을 말씀해 주세요"), "bot:a#0"), (Message("예: 강남역 공영주차장"), "bot:a#1")], Now));

        await commit.WriteAsync(database.StateStorage(), CancellationToken.None);
        var next = await store.AppendAsync("c1", Message("강남역 공영주차장"), "user:u1:b", Now);
        var page = await store.ReadAsync("c1", 0, 100);

        Assert.Equal(["주차권 결제 시점", "주차장 이름을 말씀해 주세요", "예: 강남역 공영주차장", "강남역 공영주차장"], page.Activities.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal(["c1|0000001", "c1|0000002", "c1|0000003", "c1|0000004"], page.Activities.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal(4, next.Watermark);
        Assert.Equal(4, await store.LastWatermarkAsync("c1"));
    }

    [Fact]
    public async Task Replies_of_a_turn_whose_state_changed_meanwhile_are_not_logged()
    {
        var store = Open();
        var storage = database.StateStorage();
        var etag = (await storage.WriteAsync(new Dictionary<string, StoreItem> { [StateKey] = new(new JsonObject { ["step"] = 1 }, null) }))[StateKey];
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [StateKey] = new(new JsonObject { ["step"] = 5 }, etag) });
        var commit = new TurnCommit();
        commit.Stage(StateKey, new StoreItem(new JsonObject { ["step"] = 2 }, etag));
        commit.Add(store.Database, store.AppendStatements("c1", [(Message("주차장 이름을 말씀해 주세요"), "bot:a#0")], Now));

        await Assert.ThrowsAsync<StorageConflictException>(() => commit.WriteAsync(storage, CancellationToken.None));

        Assert.Empty((await store.ReadAsync("c1", 0, 100)).Activities);
        Assert.Equal(0, await store.LastWatermarkAsync("c1"));
    }

    [Fact]
    public async Task A_staged_reply_whose_delivery_key_is_already_logged_is_not_logged_again()
    {
        var store = Open();
        await store.AppendAsync("c1", Message("주차장 이름을 말씀해 주세요"), "bot:a#0", Now);
        var commit = new TurnCommit();
        commit.Add(store.Database, store.AppendStatements("c1", [(Message("주차장 이름을 말씀해 주세요"), "bot:a#0"), (Message("새 답"), "bot:b#0")], Now));

        await commit.WriteAsync(database.StateStorage(), CancellationToken.None);
        var page = await store.ReadAsync("c1", 0, 100);

        Assert.Equal(["주차장 이름을 말씀해 주세요", "새 답"], page.Activities.Select(a => a["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Uploads_are_kept_whole_read_back_by_another_instance_and_removed_when_idle()
    {
        var clock = new ManualClock(Now.AddDays(-40));
        var uploader = new DirectLineFileStore(database.Database, clock);
        var stored = await uploader.SaveAllAsync("c1", [new IncomingFile("영수증.jpg", "image/jpeg", [1, 2, 3]), new IncomingFile("b.pdf", "application/pdf", [4])], default);
        clock.Now = Now;
        await uploader.SaveAllAsync("c2", [new IncomingFile("c.png", "image/png", [5])], default);

        var other = new DirectLineFileStore(database.Database, clock);
        var found = await other.FindAsync("c1", stored[0].Id, default);
        var content = await other.ReadContentAsync(found!, default);
        var removed = await other.RemoveIdleAsync(Now.AddDays(-30), new HashSet<string>());

        Assert.Equal(("영수증.jpg", "image/jpeg", 3L), (found!.Name, found.ContentType, found.Length));
        Assert.Equal(new byte[] { 1, 2, 3 }, content);
        Assert.Null(await other.FindAsync("c2", stored[0].Id, default));
        Assert.Equal(2, removed);
        Assert.Null(await other.FindAsync("c1", stored[1].Id, default));
    }

    [Fact]
    public async Task Uploads_an_earlier_release_kept_on_disk_are_moved_into_the_database()
    {
        var legacy = TestFolders.Create("parkingbot-legacy-files-");
        Directory.CreateDirectory(Path.Combine(legacy, "c1"));
        await File.WriteAllBytesAsync(Path.Combine(legacy, "c1", "f1"), [7, 8]);
        await File.WriteAllTextAsync(Path.Combine(legacy, "c1", "f1.json"),
            """{"Id":"f1","ConversationId":"c1","Name":"영수증.png","ContentType":"image/png","Length":2}""");

        var store = new DirectLineFileStore(database.Database, TimeProvider.System, legacy);
        var found = await store.FindAsync("c1", "f1", default);

        Assert.Equal("영수증.png", found!.Name);
        Assert.Equal(new byte[] { 7, 8 }, await store.ReadContentAsync(found, default));
        Assert.False(Directory.Exists(legacy));
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteDirectLineStoreTests() : DirectLineStoreTests(TestDatabase.Sqlite())
{
    [Fact]
    public async Task A_log_an_earlier_release_kept_in_directline_db_moves_to_the_state_file_once()
    {
        using var database = TestDatabase.Sqlite();
        var earlierFile = database.SqliteFile("directline.db");
        var options = Options.Create(new DirectLineOptions());
        var earlier = new SqlDirectLineStore(new SqliteDatabase(earlierFile), options);
        await earlier.AppendAsync("old", Activity.CreateMessageActivity("영수증 보냈어요"), "user:u:1", DateTimeOffset.UtcNow);
        await earlier.AppendAsync("old", Activity.CreateMessageActivity("확인했습니다"), "bot:1#0", DateTimeOffset.UtcNow);

        var log = new SqlDirectLineStore(database.Database, options);
        log.MoveLogFrom(earlierFile);
        log.MoveLogFrom(earlierFile);
        var next = await log.AppendAsync("old", Activity.CreateMessageActivity("감사합니다"), null, DateTimeOffset.UtcNow);

        Assert.Equal(["영수증 보냈어요", "확인했습니다", "감사합니다"], (await log.ReadAsync("old", 0, 100)).Activities.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal("old|0000003", next.Activity.Id);
        await using var connection = await new SqliteDatabase(earlierFile).OpenAsync();
        Assert.Equal(0L, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'dl_%'", []));
    }
}

public sealed class PostgresDirectLineStoreTests() : DirectLineStoreTests(TestDatabase.Postgres());

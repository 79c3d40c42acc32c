using Microsoft.Extensions.Options;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Tests.DirectLine;

/// <summary>The Direct Line log in a real SQLite file: ids and watermarks that survive a restart, bounded, de-duplicated.</summary>
public sealed class SqliteDirectLineStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("parkingbot-dlstore-").FullName;

    private SqliteDirectLineStore Open(int maxActivities = 1000, long maxBytes = 4 * 1024 * 1024) => new(Options.Create(new DirectLineOptions
    {
        DatabasePath = Path.Combine(_directory, "directline.db"),
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

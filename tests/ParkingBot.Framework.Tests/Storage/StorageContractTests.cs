using System.Text.Json.Nodes;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Tests.Storage;

/// <summary>The one contract every <see cref="IStorage"/> keeps; a provider test class only says how to make one.</summary>
public abstract class StorageContractTests
{
    protected abstract IStorage CreateStorage();

    private static JsonObject Doc(int n) => new() { ["n"] = n, ["text"] = "차량 12가3456" };

    [Fact]
    public async Task Reading_a_missing_key_returns_nothing()
    {
        var storage = CreateStorage();

        Assert.Empty(await storage.ReadAsync(["missing"]));
    }

    [Fact]
    public async Task A_created_item_reads_back_with_its_etag()
    {
        var storage = CreateStorage();

        var etags = await storage.WriteAsync(new Dictionary<string, StoreItem> { ["a/b|c"] = new(Doc(1), null) });
        var read = await storage.ReadAsync(["a/b|c"]);

        Assert.Equal(1, (int)read["a/b|c"].Document["n"]!);
        Assert.Equal("차량 12가3456", (string?)read["a/b|c"].Document["text"]);
        Assert.Equal(etags["a/b|c"], read["a/b|c"].ETag);
    }

    [Fact]
    public async Task Writing_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var storage = CreateStorage();
        var first = (await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(1), null) }))["k"];

        var second = (await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(2), first) }))["k"];

        Assert.NotEqual(first, second);
        Assert.Equal(2, (int)(await storage.ReadAsync(["k"]))["k"].Document["n"]!);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_fails_and_keeps_the_stored_item()
    {
        var storage = CreateStorage();
        var first = (await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(1), null) }))["k"];
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(2), first) });

        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(3), first) }));

        Assert.Equal("k", conflict.Key);
        Assert.Equal(2, (int)(await storage.ReadAsync(["k"]))["k"].Document["n"]!);
    }

    [Fact]
    public async Task Creating_an_item_that_exists_fails()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(1), null) });

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(2), null) }));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites_whatever_is_stored_or_creates()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(1), null) });

        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(5), StoreItem.AnyETag), ["new"] = new(Doc(6), StoreItem.AnyETag) });

        var read = await storage.ReadAsync(["k", "new"]);
        Assert.Equal((5, 6), ((int)read["k"].Document["n"]!, (int)read["new"].Document["n"]!));
    }

    [Fact]
    public async Task A_write_of_several_keys_is_all_or_nothing()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["taken"] = new(Doc(1), null) });

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["fresh"] = new(Doc(2), null),
            ["taken"] = new(Doc(3), "stale"),
        }));

        Assert.Empty(await storage.ReadAsync(["fresh"]));
        Assert.Equal(1, (int)(await storage.ReadAsync(["taken"]))["taken"].Document["n"]!);
    }

    [Fact]
    public async Task Delete_removes_the_item_and_ignores_missing_keys()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(1), null) });

        await storage.DeleteAsync(["k", "never-there"]);

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Of_many_writers_holding_the_same_etag_exactly_one_wins()
    {
        var storage = CreateStorage();
        var etag = (await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(0), null) }))["k"];

        var attempts = Enumerable.Range(1, 16).Select(n => Task.Run(async () =>
        {
            try
            {
                await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Doc(n), etag) });
                return true;
            }
            catch (StorageConflictException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(attempts), won => won);
    }
}

public sealed class MemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new MemoryStorage();
}

public sealed class PostgresStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new PostgresStorage(ParkingBot.Testing.TestPostgres.CreateDatabase());

    [Fact]
    public async Task Two_instances_on_one_database_see_each_others_writes_and_conflicts()
    {
        var database = ParkingBot.Testing.TestPostgres.CreateDatabase();
        var one = new PostgresStorage(database);
        var two = new PostgresStorage(database);
        var etag = (await one.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }, null) }))["k"];

        await two.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 2 }, etag) });

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            one.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 3 }, etag) }));
        Assert.Equal(2, (int)(await one.ReadAsync(["k"]))["k"].Document["n"]!);
    }

    [Fact]
    public async Task Instances_starting_together_create_the_schema_once_without_failing()
    {
        var database = ParkingBot.Testing.TestPostgres.CreateDatabase();

        var instances = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new PostgresStorage(database))));

        await instances[0].WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }, null) });
        Assert.Equal(1, (int)(await instances[7].ReadAsync(["k"]))["k"].Document["n"]!);
    }

    [Fact]
    public async Task A_state_table_of_an_earlier_release_is_brought_to_in_place_updates_and_keeps_its_states()
    {
        var database = ParkingBot.Testing.TestPostgres.CreateDatabase();
        await using (var earlier = database.CreateCommand("""
            CREATE TABLE items (key TEXT PRIMARY KEY, document TEXT NOT NULL, etag TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
            CREATE INDEX items_by_age ON items (updated_at);
            INSERT INTO items VALUES ('webchat/conversations/c1', '{"n":1}', 'e1', now());
            """))
        {
            await earlier.ExecuteNonQueryAsync();
        }

        var storage = new PostgresStorage(database);
        _ = new PostgresStorage(database);

        Assert.Equal(1, (int)(await storage.ReadAsync(["webchat/conversations/c1"]))["webchat/conversations/c1"].Document["n"]!);
        await using var check = database.CreateCommand("""
            SELECT (SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'items_by_age'),
                   (SELECT reloptions @> ARRAY['fillfactor=80'] FROM pg_class WHERE oid = 'items'::regclass)
            """);
        await using var reader = await check.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(0L, reader.GetInt64(0));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public async Task Idle_states_go_after_the_cutoff_except_kept_conversations()
    {
        var clock = new MovableClock(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var storage = new PostgresStorage(ParkingBot.Testing.TestPostgres.CreateDatabase(), clock);
        await storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["directline/conversations/old"] = new(new JsonObject(), null),
            ["directline/conversations/waiting"] = new(new JsonObject(), null),
        });
        clock.Now = clock.Now.AddDays(40);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["directline/conversations/recent"] = new(new JsonObject(), null) });

        var removed = await storage.RemoveIdleAsync(clock.Now.AddDays(-30), new HashSet<string> { "directline/waiting" });

        Assert.Equal(1, removed);
        Assert.Equal(["directline/conversations/recent", "directline/conversations/waiting"],
            (await storage.ReadAsync(["directline/conversations/old", "directline/conversations/waiting", "directline/conversations/recent"])).Keys.Order());
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parkingbot-sqlite-").FullName;

    protected override IStorage CreateStorage() => new SqliteStorage(Path.Combine(_directory, "nested", "state.db"));

    [Fact]
    public async Task Two_instances_on_one_file_see_each_others_writes_and_conflicts()
    {
        var path = Path.Combine(_directory, "shared.db");
        var one = new SqliteStorage(path);
        var two = new SqliteStorage(path);
        var etag = (await one.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }, null) }))["k"];

        await two.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 2 }, etag) });

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            one.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 3 }, etag) }));
        Assert.Equal(2, (int)(await one.ReadAsync(["k"]))["k"].Document["n"]!);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

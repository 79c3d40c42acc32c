using System.Net;
using System.Net.Http.Json;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Builder;

/// <summary>Turns of one conversation arriving at once must never lose an update.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parkingbot-concurrency-").FullName;

    [Fact]
    public async Task Parallel_turns_of_one_conversation_in_one_process_all_count()
    {
        await using var bot = await BotTestHost.StartAsync(new SqliteStorage(Path.Combine(_directory, "one.db")));
        using var client = bot.CreateClient();

        var statuses = await SendInParallelAsync([client], 40);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(41, await CountAsync(client));
    }

    [Fact]
    public async Task Parallel_turns_spread_over_two_processes_sharing_one_store_never_lose_an_update()
    {
        // Two hosts with their own locks and one SQLite file: only the eTags stand between them.
        // A turn either counts (its save won, maybe after re-running) or is refused loudly with 503;
        // a silently lost update would leave the count below the number of accepted turns.
        var path = Path.Combine(_directory, "shared.db");
        await using var first = await BotTestHost.StartAsync(new SqliteStorage(path));
        await using var second = await BotTestHost.StartAsync(new SqliteStorage(path));
        using var one = first.CreateClient();
        using var two = second.CreateClient();

        var statuses = await SendInParallelAsync([one, two], 40);
        var count = await CountAsync(one);

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), count - 1);
        Assert.True(count > 20, $"only {count - 1} of 40 turns got through");
    }

    [Fact]
    public async Task A_turn_that_waits_longer_than_the_lock_timeout_is_answered_503_and_nothing_of_it_is_kept()
    {
        await using var bot = await BotTestHost.StartAsync(new SqliteStorage(Path.Combine(_directory, "busy.db")),
            new() { ["Bot:ConversationLockTimeout"] = "00:00:00.2" });
        using var client = bot.CreateClient();

        var stuck = client.PostActivityAsync(ExpectingReplies("stuck"));
        Assert.True(await CountingBot.StuckTurn.Entered.WaitAsync(TimeSpan.FromSeconds(30)));
        using var waiting = await client.PostActivityAsync(ExpectingReplies("slow"));
        CountingBot.StuckTurn.Released.Release();
        (await stuck).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.NotNull(waiting.Headers.RetryAfter);
        Assert.Contains("ConversationBusy", await waiting.Content.ReadAsStringAsync());
        Assert.Equal(2, await CountAsync(client));
    }

    private static async Task<HttpStatusCode[]> SendInParallelAsync(HttpClient[] clients, int turns) =>
        await Task.WhenAll(Enumerable.Range(0, turns).Select(async i =>
            (await clients[i % clients.Length].PostActivityAsync(ExpectingReplies("slow"))).StatusCode));

    /// <summary>One more turn; returns the count it reports (the turns before it, plus one).</summary>
    private static async Task<int> CountAsync(HttpClient client)
    {
        var replies = await (await client.PostActivityAsync(ExpectingReplies("count"))).Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        return int.Parse(replies!.Activities.Single().Text!["count:".Length..]);
    }

    private static Activity ExpectingReplies(string text)
    {
        var message = Activities.Message(text, "http://127.0.0.1:9");
        message.DeliveryMode = DeliveryModes.ExpectReplies;
        return message;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

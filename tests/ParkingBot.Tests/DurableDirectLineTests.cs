using ParkingBot.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>The embedded Direct Line across a kill -9 of the bot's process: the log, its ids and the conversation go on.</summary>
public sealed class DurableDirectLineTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-durable-dl-").FullName;

    private static string? Key(JsonNode? activity) => activity?["channelData"]?["responseKey"]?.GetValue<string>();

    private static List<string> Ids(JsonArray activities) => activities.Select(a => a!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task After_a_restart_the_history_ids_and_watermarks_continue_and_the_pending_question_is_answered()
    {
        DirectLineClient customer;
        JsonArray before;
        string watermark;
        await using (var first = await HostProcess.StartAsync(_dataDirectory))
        {
            var http = first.CreateClient();
            customer = await DirectLineClient.FromPageTokenAsync(http);
            await customer.StartAsync();
            await customer.SayAsync("주차권 결제 시점 문의요");
            (before, watermark) = await customer.ActivitiesAsync();
        }

        await using var second = await HostProcess.StartAsync(_dataDirectory);
        var resumed = new DirectLineClient(second.CreateClient(), customer.Token, customer.ConversationId, customer.UserId);
        var again = await resumed.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        var (history, historyWatermark) = await resumed.ActivitiesAsync();
        var (fromWatermark, _) = await resumed.ActivitiesAsync(watermark);
        await resumed.SayAsync("네");
        var (after, _) = await resumed.ActivitiesAsync(watermark);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Ids(before), Ids(history));
        Assert.Equal(watermark, historyWatermark);
        Assert.Empty(fromWatermark);
        var newIds = Ids(after);
        Assert.True(newIds.Count >= 2, "the customer's answer and the bot's reply");
        Assert.Empty(newIds.Intersect(Ids(before)));
        Assert.All(newIds, id => Assert.True(string.CompareOrdinal(id, Ids(before)[^1]) > 0, $"{id} comes after {Ids(before)[^1]}"));
        // The bot had asked a question before the restart; it takes the answer instead of starting over.
        Assert.DoesNotContain(after.Where(a => a!["from"]!["role"]?.GetValue<string>() == "bot"), a => Key(a) == "welcome");
        Assert.NotEqual(Key(before[^1]), Key(after[^1]));
    }

    [Fact]
    public async Task A_client_past_the_end_of_the_log_gets_it_again_instead_of_missing_replies()
    {
        await using var bot = await HostProcess.StartAsync(_dataDirectory);
        var customer = await DirectLineClient.FromPageTokenAsync(bot.CreateClient());
        await customer.StartAsync();
        var (all, watermark) = await customer.ActivitiesAsync();

        var (resynced, resyncedWatermark) = await customer.ActivitiesAsync("500");

        Assert.Equal(Ids(all), Ids(resynced));
        Assert.Equal(watermark, resyncedWatermark);
    }

    [Fact]
    public async Task A_message_posted_again_with_the_same_client_activity_id_is_taken_once()
    {
        await using var bot = await HostProcess.StartAsync(_dataDirectory);
        var customer = await DirectLineClient.FromPageTokenAsync(bot.CreateClient());
        await customer.StartAsync();
        var (_, watermark) = await customer.ActivitiesAsync();
        var message = new JsonObject
        {
            ["type"] = "message",
            ["text"] = "상담원 연결해 주세요",
            ["from"] = new JsonObject { ["id"] = customer.UserId },
            ["channelData"] = new JsonObject { ["clientActivityID"] = "client-42" },
        };

        var first = await customer.PostAsync((JsonObject)message.DeepClone());
        var second = await customer.PostAsync((JsonObject)message.DeepClone());
        var (after, _) = await customer.ActivitiesAsync(watermark);

        var firstId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(firstId, secondId);
        Assert.Single(after, a => a!["from"]!["role"]?.GetValue<string>() == "user");
        var botReplies = after.Where(a => a!["from"]!["role"]?.GetValue<string>() == "bot" && a["type"]!.GetValue<string>() == "message").ToList();
        Assert.Equal(botReplies.Select(Key).Distinct().Count(), botReplies.Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

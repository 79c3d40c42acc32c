using System.Net;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>The real bot in its own processes, on loopback, with its SQLite file in a temporary data folder.</summary>
public sealed class HostProcessTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-host-").FullName;

    [Fact]
    public async Task The_emulator_gets_the_welcome_and_the_next_prompt_at_the_reply_paths()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await HostProcess.StartAsync(_dataDirectory);
        using var client = bot.CreateClient();
        var join = Activities.Message("", channel.ServiceUrl);
        join.Type = ActivityTypes.ConversationUpdate;
        join.Text = null;
        join.MembersAdded = [join.Recipient!, join.From!];
        var ask = Activities.Message("주차권 결제 시점", channel.ServiceUrl);

        Assert.Equal(HttpStatusCode.OK, (await client.PostActivityAsync(join)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostActivityAsync(ask)).StatusCode);

        var replies = await channel.WaitForAsync(2);
        var conversation = Uri.EscapeDataString(ask.Conversation!.Id!);
        Assert.Equal("welcome", replies[0].Activity.ResponseKey());
        Assert.Equal(8, replies[0].Activity.SuggestedActionTitles().Count);
        Assert.Equal($"/v3/conversations/{conversation}/activities/{Uri.EscapeDataString(join.Id!)}", replies[0].Path);
        Assert.Equal("paymentTiming.askLot", replies[1].Activity.ResponseKey());
        Assert.Equal($"/v3/conversations/{conversation}/activities/{Uri.EscapeDataString(ask.Id!)}", replies[1].Path);
        Assert.Equal((RoleTypes.Bot, "user-1"), (replies[1].Activity.From!.Role, replies[1].Activity.Recipient!.Id));
        Assert.Equal(["ParkingBot.Turn", "ParkingBot.Turn"], channel.Traces.Select(t => t.Name));
        Assert.Equal("TicketPaymentTiming", channel.Traces.Last().Value!["intent"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bot_restarted_in_the_middle_of_a_waterfall_continues_at_the_same_step()
    {
        var conversation = new Conversation();
        await using (var before = await HostProcess.StartAsync(_dataDirectory))
        {
            using var client = before.CreateClient();
            await conversation.JoinAsync(client);
            Assert.Equal("paymentTiming.askLot", Assert.Single(await conversation.SayAsync(client, "주차권 결제 시점")).ResponseKey());
        }

        await using var after = await HostProcess.StartAsync(_dataDirectory);
        using var restarted = after.CreateClient();
        var answer = await conversation.SayAsync(restarted, "강남역 공영주차장");

        Assert.Equal(["paymentTiming.atExit", "paymentTiming.autoExitGuide", "closing.anythingElse"], answer.Select(a => a.ResponseKey()));
        Assert.Contains("강남역 공영주차장", answer[0].Text);
    }

    [Fact]
    public async Task Two_host_processes_on_one_sqlite_file_carry_one_conversation_turn_by_turn()
    {
        await using var first = await HostProcess.StartAsync(_dataDirectory);
        await using var second = await HostProcess.StartAsync(_dataDirectory);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var conversation = new Conversation("shared|livechat");

        var asked = await conversation.SayAsync(one, "주차권 결제 시점");
        var answered = await conversation.SayAsync(two, "코엑스 주차장");
        var rated = await conversation.SayAsync(one, "아니오");
        var closed = await conversation.SayAsync(two, "건너뛰기");

        Assert.Equal("paymentTiming.askLot", Assert.Single(asked).ResponseKey());
        Assert.Equal("paymentTiming.atExit", answered[0].ResponseKey());
        Assert.Equal("csat.ask", Assert.Single(rated).ResponseKey());
        Assert.Equal("closing.goodbye", Assert.Single(closed).ResponseKey());
    }

    [Fact]
    public async Task Logs_are_json_lines_with_the_conversation_id_and_no_plain_car_or_phone_numbers()
    {
        await using var bot = await HostProcess.StartAsync(_dataDirectory);
        using var client = bot.CreateClient();
        var odd = Activities.Message("", "http://127.0.0.1:9", "log-test|livechat");
        odd.Type = "차량 12가3456 연락처 010-1234-5678";

        await client.PostActivityAsync(odd);
        await Task.Delay(500);

        var line = bot.Output.Split('\n').Single(l => l.Contains("Ignored an activity", StringComparison.Ordinal));
        var log = System.Text.Json.JsonDocument.Parse(line).RootElement;
        Assert.Equal("log-test|livechat", log.GetProperty("scopes").GetProperty("ConversationId").GetString());
        Assert.Contains("12가****", log.GetProperty("message").GetString());
        Assert.DoesNotContain("12가3456", bot.Output);
        Assert.DoesNotContain("1234-5678", bot.Output);
    }

    [Fact]
    public async Task With_readable_logs_lines_are_in_Korea_time_masked_and_every_start_says_where_everything_is()
    {
        await using var bot = await HostProcess.StartAsync(_dataDirectory, new Dictionary<string, string> { ["Logging:Readable"] = "true" });
        using var client = bot.CreateClient();
        var odd = Activities.Message("", "http://127.0.0.1:9", "log-test|livechat");
        odd.Type = "차량 12가3456 연락처 010-1234-5678";

        await client.PostActivityAsync(odd);
        await Task.Delay(500);

        var lines = bot.Output.Split('\n');
        var ignored = lines.Single(l => l.Contains("Ignored an activity", StringComparison.Ordinal));
        Assert.Matches(@"^\d{2}:\d{2}:\d{2} KST info  ?\w+: ", ignored);
        Assert.EndsWith("[log-test|livechat]", ignored.TrimEnd());
        Assert.DoesNotContain("12가3456", bot.Output);
        var banner = lines.Single(l => l.Contains("ParkingBot is ready", StringComparison.Ordinal));
        foreach (var part in new[] { $"Chat page {bot.BaseAddress}", $"agent console {bot.BaseAddress}agent", $"endpoint {bot.BaseAddress}api/messages",
            "recognizer Embedded", "authentication anonymous", $"SQLite files in {_dataDirectory}", "follow-ups kept in the console's outbox",
            $"password in {Path.Combine(_dataDirectory, "agent-initial-password.txt")}" })
        {
            Assert.Contains(part, banner);
        }
    }

    [Fact]
    public async Task The_activity_size_limit_comes_from_configuration()
    {
        await using var bot = await HostProcess.StartAsync(_dataDirectory, new Dictionary<string, string> { ["Bot:MaxActivityBytes"] = "2000" });
        using var client = bot.CreateClient();

        var small = await client.PostActivityAsync(Activities.Message("짧은 메시지", "http://127.0.0.1:9"));
        var large = await client.PostActivityAsync(Activities.Message(new string('가', 1000), "http://127.0.0.1:9"));

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task A_malformed_seed_file_stops_start_up_naming_the_file_and_the_field()
    {
        var seed = Path.Combine(_dataDirectory, "bad-seed.json");
        await File.WriteAllTextAsync(seed, """{ "lots": [ { "id": "lot-a", "name": "A", "area": "서울시", "paymentTiming": "whenever" } ] }""");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(_dataDirectory, new Dictionary<string, string> { ["Parking:SeedFile"] = seed }));

        Assert.Contains($"Seed file '{seed}': lots[0].paymentTiming: 'whenever' is not one of", failure.Message);
    }

    [Fact]
    public async Task A_fresh_start_seeds_the_demo_data_once()
    {
        await using (var first = await HostProcess.StartAsync(_dataDirectory))
        {
            Assert.Contains("Seeded the parking store", first.Output);
        }
        await using var second = await HostProcess.StartAsync(_dataDirectory);

        Assert.DoesNotContain("Seeded the parking store", second.Output);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}

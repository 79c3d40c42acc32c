using ParkingBot.Testing;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>`ParkingBot analytics`: the report of a period, read from the store a real host wrote.</summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public sealed class AnalyticsCommandTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-analytics-").FullName;

    [Fact]
    public async Task The_report_of_today_counts_the_conversations_a_host_had_and_prints_as_text_or_csv()
    {
        await using (var bot = await HostProcess.StartAsync(_dataDirectory))
        {
            using var client = bot.CreateClient();
            var informed = new Conversation("analytics-1|livechat");
            await informed.SayAsync(client, "주차권 결제 시점");
            await informed.SayAsync(client, "강남역 공영주차장");
            await informed.SayAsync(client, "아니오");
            await informed.SayAsync(client, "4");
            var stopped = new Conversation("analytics-2|livechat");
            await stopped.SayAsync(client, "이용하지 않은 요금 결제");
            await stopped.SayAsync(client, "그만할래요");
        }
        var today = TestClock.Iso(0);
        var settings = new Dictionary<string, string> { ["Storage__DataDirectory"] = _dataDirectory };

        var text = await HostProcess.RunCommandAsync(settings, "", "analytics", "--from", today, "--to", today);
        var csv = await HostProcess.RunCommandAsync(settings, "", "analytics", "--from", today, "--to", today, "--csv");
        var tomorrow = TestClock.Iso(1);
        var later = await HostProcess.RunCommandAsync(settings, "", "analytics", "--from", tomorrow, "--to", tomorrow, "--csv");

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("Conversations: 2", text.Output);
        Assert.Matches(@"TicketPaymentTiming\s+1\s+1\s", text.Output);
        var rows = csv.Output.Split('\n');
        Assert.Contains("conversations,,count,2", rows);
        Assert.Contains("ending,TicketPaymentTiming,Informed,1", rows);
        Assert.Contains("resolution,TicketPaymentTiming,verified,1", rows);
        Assert.Contains("csat,TicketPaymentTiming,4,1", rows);
        Assert.Contains("ending,UnusedCharge,Cancelled,1", rows);
        Assert.Contains("ending,*,Cancelled,1", rows);
        Assert.Contains("conversations,,count,0", later.Output.Split('\n'));
    }

    [Fact]
    public async Task A_wrong_period_says_how_to_ask()
    {
        var missing = await HostProcess.RunCommandAsync("", "analytics", "--from", "2026-11-01");
        var backwards = await HostProcess.RunCommandAsync("", "analytics", "--from", "2026-11-30", "--to", "2026-11-01");
        var notADay = await HostProcess.RunCommandAsync("", "analytics", "--from", "어제", "--to", "2026-11-01");

        Assert.Equal((2, 2, 2), (missing.ExitCode, backwards.ExitCode, notADay.ExitCode));
        Assert.Contains("usage: ParkingBot analytics --from yyyy-MM-dd --to yyyy-MM-dd [--csv]", missing.Error);
        Assert.Contains("to must not be before from", backwards.Error);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}

using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Framework.Analytics;
using ParkingBot.Hosting;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>
/// The bot's meter is one per process (as in production, one host a process), so hosts of other tests running at the same
/// time would add their turns to these figures: this class runs alone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>/metrics in Prometheus' text format after real turns, who may read it, and the spans of a turn.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-metrics-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task After_a_few_turns_the_bot_s_own_meters_are_scraped_with_no_customer_words_ids_or_numbers()
    {
        using var bot = _factory.CreateClient();
        var informed = new Conversation("metrics-secret-conversation-1|livechat");
        foreach (var text in new[] { "주차권 결제 시점", "강남역 공영주차장 010-1234-5678" })
        {
            await informed.SayAsync(bot, text);
        }
        var waiting = new Conversation("metrics-secret-conversation-2|livechat");
        await waiting.SayAsync(bot, "상담원 연결");

        var scrape = await bot.GetAsync("/metrics");
        var metrics = await scrape.Content.ReadAsStringAsync();
        var lines = metrics.Split('\n');

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains(lines, l => l.StartsWith("parkingbot_turns_total{", StringComparison.Ordinal) && l.Contains("channel=\"emulator\"") && l.Contains("outcome=\"Done\"") && l.EndsWith(" 3"));
        Assert.Contains(lines, l => l.StartsWith("parkingbot_turn_duration_seconds_count{", StringComparison.Ordinal) && l.EndsWith(" 3"));
        Assert.Contains(lines, l => l.StartsWith("parkingbot_flow_endings_total{", StringComparison.Ordinal) && l.Contains("ending=\"Informed\"") && l.Contains("flow=\"TicketPaymentTiming\""));
        Assert.Contains(lines, l => l.StartsWith("parkingbot_handoffs_total{", StringComparison.Ordinal) && l.Contains("reason=\"CustomerRequest\""));
        Assert.Contains(lines, l => l.StartsWith("parkingbot_handoff_queue", StringComparison.Ordinal) && l.EndsWith(" 1"));
        Assert.Contains(lines, l => l.StartsWith("parkingbot_recognizer_confidence_bucket{", StringComparison.Ordinal) && l.Contains("intent=\"TicketPaymentTiming\""));
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.DoesNotContain("metrics-secret", metrics);
        Assert.DoesNotContain("강남역", metrics);
        Assert.DoesNotContain("010-", metrics);
    }

    [Fact]
    public async Task A_turn_is_one_span_under_its_http_request_with_its_commit_and_its_conversation_masked()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "ParkingBot" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var bot = _factory.CreateClient();
        var conversation = new Conversation("trace-me|livechat");

        await conversation.SayAsync(bot, "주차권 결제 시점");

        var masked = ConversationEvent.Anonymize("emulator", "trace-me|livechat");
        List<Activity> seen;
        lock (spans) { seen = [.. spans]; }
        var turn = Assert.Single(seen, s => s.OperationName == "ParkingBot.Turn" && (string?)s.GetTagItem("parkingbot.conversation") == masked);
        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", turn.Parent?.OperationName);
        Assert.Contains(seen, s => s.OperationName == "ParkingBot.Commit" && s.ParentSpanId == turn.SpanId);
        Assert.DoesNotContain(turn.Tags, tag => tag.Value?.Contains("trace-me") == true);
    }

    [Theory]
    [InlineData("127.0.0.1", null, null, MetricsAccess.Allowed)]
    [InlineData("::1", null, null, MetricsAccess.Allowed)]
    [InlineData("10.0.0.5", null, null, MetricsAccess.NoKeyConfigured)]
    [InlineData("10.0.0.5", "Bearer s3cret-key", null, MetricsAccess.NoKeyConfigured)]
    [InlineData("10.0.0.5", "Bearer s3cret-key", "s3cret-key", MetricsAccess.Allowed)]
    [InlineData("10.0.0.5", "Bearer s3cret-kez", "s3cret-key", MetricsAccess.WrongKey)]
    [InlineData("10.0.0.5", "s3cret-key", "s3cret-key", MetricsAccess.WrongKey)]
    [InlineData("10.0.0.5", null, "s3cret-key", MetricsAccess.WrongKey)]
    public void Metrics_are_open_to_this_machine_and_to_others_with_the_key(string remote, string? authorization, string? key, MetricsAccess expected) =>
        Assert.Equal(expected, MetricsAccessRule.Decide(IPAddress.Parse(remote), authorization, key));
}

using System.Diagnostics;
using System.Net.Http.Json;
using ParkingBot.Framework.Schema;
using Activity = ParkingBot.Framework.Schema.Activity;

namespace ParkingBot.Benchmarks;

/// <summary>
/// Concurrent conversations looping through a real dialog (주차권 결제 시점 → lot → 예) on /api/messages with
/// expectReplies, each turn timed; what the turn benchmarks drive.
/// </summary>
internal static class TurnLoad
{
    private static readonly string[] Script = ["주차권 결제 시점", "강남역 공영주차장", "예"];

    public static async Task<Result> RunAsync(HttpClient http, string path, int concurrency, TimeSpan warmup, TimeSpan measure, string run)
    {
        var latencies = new List<double>[concurrency];
        using var stop = new CancellationTokenSource();
        var measuring = false;
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            var conversationId = $"bench-{run}-{path.Trim('/')}-{concurrency}-{worker}|livechat";
            for (var turnNumber = 0; !stop.IsCancellationRequested; turnNumber++)
            {
                var activity = Message(conversationId, turnNumber, Script[turnNumber % Script.Length]);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync(path, activity, BotJson.Options);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                if (measuring)
                {
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }).ToList();
        await Task.Delay(warmup);
        measuring = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(measure);
        measuring = false;
        var elapsed = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    public static Activity Message(string conversationId, int turn, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversationId}-{turn}",
        ChannelId = Channels.Emulator,
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount("bench-user", "User", RoleTypes.User),
        Recipient = new ChannelAccount("bench-bot", "Bot", RoleTypes.Bot),
        Conversation = new ConversationAccount(conversationId),
        Locale = "ko-KR",
        Text = text,
    };

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record Result(double PerSecond, double P50, double P99);

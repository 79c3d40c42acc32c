using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ParkingBot.Benchmarks;

/// <summary>
/// Conversations that go on while the bot is killed (SIGKILL) and started again on the same data folder. Each
/// conversation loops through 주차권 결제 시점 → lot → 예 on /api/messages (expectReplies); a turn that gets no answer (the
/// process died) is sent again with the same activity id until it is answered. Every answer is compared with what that
/// step must say: the previous step's answer means a turn was lost (its state never saved), the next step's means it ran
/// twice, anything else is a divergence.
/// </summary>
internal static class SoakBenchmark
{
    private static readonly string[] Script = ["주차권 결제 시점", "강남역 공영주차장", "예"];
    private static readonly string[][] Expected =
    [
        ["paymentTiming.askLot"],
        ["paymentTiming.atExit", "paymentTiming.autoExitGuide", "closing.anythingElse"],
        ["menu.prompt"],
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments: [conversations, default 50] [kills, default 12] [seconds between kills, default 4].
        var conversations = args.Length > 0 ? int.Parse(args[0]) : 50;
        var kills = args.Length > 1 ? int.Parse(args[1]) : 12;
        var between = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4);
        var dataDirectory = Directory.CreateTempSubdirectory("parkingbot-soak-").FullName;
        var bot = new BotProcess(dataDirectory);
        await bot.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var counts = new ConcurrentDictionary<string, int>();
        var examples = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, conversations).Select(n => Task.Run(async () =>
        {
            var generation = 0;
            var conversationId = $"soak-{n}-{generation}";
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var activityId = $"{conversationId}-{turn}";
                var (keys, tries) = await SendUntilAnsweredAsync(http, conversationId, activityId, Script[turn % 3], stop.Token);
                if (keys is null)
                {
                    break;
                }
                counts.AddOrUpdate("turns", 1, (_, c) => c + 1);
                if (tries > 1)
                {
                    counts.AddOrUpdate("retried", 1, (_, c) => c + 1);
                }
                var verdict = Verdict(keys, turn);
                if (verdict is not null)
                {
                    counts.AddOrUpdate(verdict, 1, (_, c) => c + 1);
                    examples.Enqueue($"{verdict}: {activityId} \"{Script[turn % 3]}\" -> [{string.Join(", ", keys)}]");
                    conversationId = $"soak-{n}-{++generation}";
                    turn = -1;
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var downtimes = new List<double>();
        for (var kill = 0; kill < kills; kill++)
        {
            await Task.Delay(between + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
            await bot.KillAsync();
            var down = Stopwatch.StartNew();
            await bot.StartAsync();
            downtimes.Add(down.Elapsed.TotalMilliseconds);
        }
        await Task.Delay(between);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var seconds = clock.Elapsed.TotalSeconds;
        await bot.KillAsync();

        int Count(string name) => counts.GetValueOrDefault(name);
        Console.WriteLine($"ParkingBot kill -9 soak — {conversations} concurrent conversations on /api/messages (expectReplies), SQLite, {kills} kills every ~{between.TotalSeconds:0.#} s, {seconds:0} s, {Environment.ProcessorCount} cores");
        Console.WriteLine($"turns answered {Count("turns")} | answered after a retry with the same activity id {Count("retried")} | lost {Count("lost")} | duplicated {Count("duplicated")} | diverged {Count("diverged")} | restart to healthy p50 {Median(downtimes):0} ms");
        foreach (var example in examples.Take(10))
        {
            Console.WriteLine("  " + example);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return Count("lost") + Count("duplicated") + Count("diverged") == 0 ? 0 : 1;
    }

    private static string? Verdict(IReadOnlyList<string> keys, int turn) =>
        keys.SequenceEqual(Expected[turn % 3]) ? null
        : turn > 0 && keys.SequenceEqual(Expected[(turn + 2) % 3]) ? "lost"
        : keys.SequenceEqual(Expected[(turn + 1) % 3]) ? "duplicated"
        : "diverged";

    /// <summary>Posts the turn until the bot answers it (connection refused or reset while it restarts, 5xx).</summary>
    private static async Task<(IReadOnlyList<string>? Keys, int Tries)> SendUntilAnsweredAsync(HttpClient http, string conversationId, string activityId, string text,
        CancellationToken stop)
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = activityId, ["channelId"] = "soak", ["text"] = text, ["deliveryMode"] = "expectReplies",
            ["conversation"] = new JsonObject { ["id"] = conversationId }, ["from"] = new JsonObject { ["id"] = "user-" + conversationId },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
        };
        for (var tries = 1; ; tries++)
        {
            if (stop.IsCancellationRequested && tries > 1)
            {
                return (null, tries);
            }
            try
            {
                using var response = await http.PostAsJsonAsync("/api/messages", activity);
                if (response.IsSuccessStatusCode)
                {
                    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    return (body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message")
                        .Select(a => (string?)a!["channelData"]?["responseKey"] ?? "?").ToList(), tries);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
            }
            await Task.Delay(100);
        }
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}

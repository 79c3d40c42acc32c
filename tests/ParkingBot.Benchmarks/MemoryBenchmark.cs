using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ParkingBot.Benchmarks;

/// <summary>
/// The bot's resident memory under fuzzed traffic: activities on the embedded Direct Line (many conversations) and on
/// /api/messages, with customer phrases, random Unicode, 255 KB texts (1 in 20), broken JSON, over-long ids and bad
/// serviceUrls. Prints RSS before, at its peak, after the run and after an idle pause, and the status codes seen.
/// </summary>
internal static class MemoryBenchmark
{
    private static readonly string[] Phrases =
    [
        "주차권 결제 시점", "강남역 공영주차장", "예", "아니요", "상담원 연결", "어제 12가3456 입차했는데 주차권이 적용 안 됐어요",
        "처음으로", "그만할게요", "정기권이 인식이 안 돼요", "발레 출차 처리 안 됨", "오후 3시쯤요", "👍", "",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments: [activities, default 10000] [concurrency, default 16].
        var total = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;
        var dataDirectory = Directory.CreateTempSubdirectory("parkingbot-memory-").FullName;
        var bot = new BotProcess(dataDirectory, new Dictionary<string, string> { ["DirectLine:PostsPerMinute"] = "1000000" });
        await bot.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var customers = new List<(string Token, string ConversationId, string UserId)>();
        for (var i = 0; i < 200; i++)
        {
            var page = (await (await http.PostAsync("/api/directline/token", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
            var customer = ((string)page["token"]!, (string)page["conversationId"]!, (string)page["userId"]!);
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", customer.Item1);
            (await http.SendAsync(start)).EnsureSuccessStatusCode();
            customers.Add(customer);
        }
        await Task.Delay(2000);
        var before = bot.ResidentMegabytes();
        var peak = before;
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;
        var bytes = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, bot.ResidentMegabytes());
                await Task.Delay(200);
            }
        });
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (Interlocked.Increment(ref sent) <= total)
            {
                var text = Text(random);
                Interlocked.Add(ref bytes, Encoding.UTF8.GetByteCount(text));
                using var request = random.Next(10) < 7 ? DirectLinePost(random, customers, text) : MessagesPost(random, text);
                try
                {
                    using var response = await http.SendAsync(request);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    statuses.AddOrUpdate(0, 1, (_, c) => c + 1);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var after = bot.ResidentMegabytes();
        await Task.Delay(TimeSpan.FromSeconds(15));
        var idle = bot.ResidentMegabytes();
        await sampling.CancelAsync();
        await sampler;
        await bot.KillAsync();

        Console.WriteLine($"ParkingBot memory under fuzzed traffic — {total} activities ({bytes / 1048576.0:0} MB of text; 1 in 20 is 255 KB), 70% on Direct Line over 200 conversations, 30% on /api/messages, {concurrency} at a time");
        Console.WriteLine($"RSS before {before:0} MB | peak {peak:0} MB | after {after:0} MB | after 15 s idle {idle:0} MB");
        Console.WriteLine("status codes: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString())} x{s.Value}")));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return 0;
    }

    private static string Text(Random random) => random.Next(20) switch
    {
        0 => new string('가', 1) + string.Concat(Enumerable.Repeat("abcdefghij", 255 * 1024 / 10 - 1)),
        1 or 2 => string.Concat(Enumerable.Range(0, random.Next(1, 400)).Select(_ => (char)random.Next(0x20, 0xD7FF))),
        _ => Phrases[random.Next(Phrases.Length)],
    };

    private static HttpRequestMessage DirectLinePost(Random random, List<(string Token, string ConversationId, string UserId)> customers, string text)
    {
        var (token, conversationId, userId) = customers[random.Next(customers.Count)];
        var activity = new JsonObject { ["type"] = random.Next(30) == 0 ? "typing" : "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = userId } };
        if (random.Next(4) == 0)
        {
            activity["channelData"] = new JsonObject { ["clientActivityID"] = $"c{random.Next(1000)}" };
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = random.Next(50) == 0 ? new StringContent("{\"type\": \"message\", \"text\": ", Encoding.UTF8, "application/json") : JsonContent.Create(activity),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage MessagesPost(Random random, string text)
    {
        var conversationId = random.Next(25) == 0 ? new string('x', 600) : $"fuzz-{random.Next(2000)}";
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = Guid.NewGuid().ToString("n"), ["channelId"] = random.Next(2) == 0 ? "fuzz" : "emulator", ["text"] = text,
            ["conversation"] = new JsonObject { ["id"] = conversationId }, ["from"] = new JsonObject { ["id"] = "u" + random.Next(500) },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
        };
        switch (random.Next(10))
        {
            case 0:
                activity["serviceUrl"] = random.Next(2) == 0 ? "file:///etc/passwd" : "javascript:alert(1)";
                break;
            case 1:
                activity.Remove("conversation");
                break;
            default:
                activity["deliveryMode"] = "expectReplies";
                break;
        }
        return new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = random.Next(50) == 0 ? new StringContent("[1, 2", Encoding.UTF8, "application/json") : JsonContent.Create(activity),
        };
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using ParkingBot.Hosting;

namespace ParkingBot.Benchmarks;

/// <summary>
/// Concurrent customers on the embedded Direct Line, as Web Chat connects: page token, start, WebSocket stream,
/// then posts in a loop. Round trip = from starting the POST to the bot's reply (replyToId = the post's id)
/// arriving on that conversation's stream.
/// </summary>
internal static class DirectLineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments: [conversations, default 100] [seconds, default 10].
        var conversations = args.Length > 0 ? int.Parse(args[0]) : 100;
        var measure = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
        var dataDirectory = Directory.CreateTempSubdirectory("parkingbot-dl-bench-").FullName;
        var builder = WebApplication.CreateBuilder(["--Urls=http://127.0.0.1:0", "--Bot:AllowAnonymous=true", $"--Storage:DataDirectory={dataDirectory}", "--DirectLine:PostsPerMinute=1000000", "--DirectLine:TokensPerMinutePerAddress=1000000", "--DirectLine:PostsPerMinutePerAddress=1000000"]);
        builder.AddParkingBot();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = baseAddress };

        var customers = await Task.WhenAll(Enumerable.Range(0, conversations).Select(_ => Customer.ConnectAsync(http)));
        using var stop = new CancellationTokenSource();
        var measuring = false;
        var latencies = new ConcurrentBag<double>();
        var loops = customers.Select(async customer =>
        {
            string[] script = ["주차권 결제 시점", "강남역 공영주차장", "예"];
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var elapsed = await customer.RoundTripAsync(script[turn % script.Length]);
                if (measuring && !stop.IsCancellationRequested)
                {
                    latencies.Add(elapsed);
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        measuring = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(measure);
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Console.WriteLine($"ParkingBot Direct Line benchmark — {conversations} concurrent conversations on WebSocket streams, {Environment.ProcessorCount} cores, {measure.TotalSeconds:0}s after 2s warm-up, loopback, client in the same process");
        Console.WriteLine($"messages/s {sorted.Length / seconds:0} | round trip (post -> bot reply on the stream) p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted.LastOrDefault():0.0} ms | {sorted.Length} round trips");

        foreach (var customer in customers)
        {
            await customer.DisposeAsync();
        }
        await app.StopAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class Customer : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly string _token;
        private readonly string _conversationId;
        private readonly ClientWebSocket _socket = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _replies = new();
        private Task _receiving = Task.CompletedTask;

        private Customer(HttpClient http, string token, string conversationId)
        {
            _http = http;
            _token = token;
            _conversationId = conversationId;
        }

        public static async Task<Customer> ConnectAsync(HttpClient http)
        {
            var page = (await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
            var customer = new Customer(http, page["token"]!.GetValue<string>(), page["conversationId"]!.GetValue<string>());
            using var start = customer.Request(HttpMethod.Post, "/v3/directline/conversations");
            var started = (await (await http.SendAsync(start)).Content.ReadFromJsonAsync<JsonObject>())!;
            await customer._socket.ConnectAsync(new Uri(started["streamUrl"]!.GetValue<string>()), CancellationToken.None);
            customer._receiving = customer.ReceiveAsync();
            return customer;
        }

        public async Task<double> RoundTripAsync(string text)
        {
            var started = Stopwatch.GetTimestamp();
            using var post = Request(HttpMethod.Post, $"/v3/directline/conversations/{_conversationId}/activities");
            post.Content = JsonContent.Create(new JsonObject { ["type"] = "message", ["text"] = text });
            using var response = await _http.SendAsync(post);
            var id = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var arrived = await Reply(id).Task.WaitAsync(TimeSpan.FromSeconds(30));
            _replies.TryRemove(id, out _);
            return Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds;
        }

        private TaskCompletionSource<long> Reply(string id) =>
            _replies.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        private HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            return request;
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    if (message.Length == 0)
                    {
                        continue;
                    }
                    var arrived = Stopwatch.GetTimestamp();
                    foreach (var activity in JsonNode.Parse(message.ToArray())!["activities"]!.AsArray())
                    {
                        if (activity!["from"]?["role"]?.GetValue<string>() == "bot" && activity["type"]?.GetValue<string>() == "message"
                            && activity["replyToId"]?.GetValue<string>() is { } replyTo)
                        {
                            Reply(replyTo).TrySetResult(arrived);
                        }
                    }
                }
            }
            catch (WebSocketException)
            {
                // Closed at the end of the run.
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                }
                await _receiving;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // The server may already have gone at the end of the run.
            }
            _socket.Dispose();
        }
    }
}

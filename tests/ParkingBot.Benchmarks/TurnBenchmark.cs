using Activity = ParkingBot.Framework.Schema.Activity;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Hosting;

namespace ParkingBot.Benchmarks;

/// <summary>
/// The full turn (HTTP POST with expectReplies -> adapter -> dialog step -> SQLite save -> response)
/// next to a bare endpoint in the same process that only parses and echoes the same Activity JSON.
/// </summary>
internal static class TurnBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments: [seconds per run, default 8] [--memory: MemoryStorage instead of SQLite, to show storage's share].
        var seconds = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var measure = TimeSpan.FromSeconds(seconds is null ? 8 : double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
        var inMemory = args.Contains("--memory");
        var warmup = TimeSpan.FromSeconds(2);
        var dataDirectory = Directory.CreateTempSubdirectory("parkingbot-bench-").FullName;

        var builder = WebApplication.CreateBuilder(["--Urls=http://127.0.0.1:0", "--Bot:AllowAnonymous=true", $"--Storage:DataDirectory={dataDirectory}"]);
        builder.AddParkingBot();
        if (inMemory)
        {
            builder.Services.AddSingleton<IStorage>(new MemoryStorage());
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapBotEndpoints();
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, BotJson.Options);
            return Results.Json(activity, BotJson.Options);
        });
        await app.StartAsync();
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = baseAddress };

        Console.WriteLine($"ParkingBot turn benchmark — {(inMemory ? "MemoryStorage" : "SQLite")}, {Environment.ProcessorCount} cores, {measure.TotalSeconds:0}s per run after {warmup.TotalSeconds:0}s warm-up, loopback");
        Console.WriteLine($"{"conversations",13} | {"turns/s",9} {"p50 ms",8} {"p99 ms",8} | {"echo/s",9} {"p50 ms",8} {"p99 ms",8} | full/echo");
        foreach (var concurrency in new[] { 1, 16, 128 })
        {
            var turn = await RunAsync("/api/messages", concurrency);
            var echo = await RunAsync("/echo", concurrency);
            Console.WriteLine($"{concurrency,13} | {turn.PerSecond,9:0} {turn.P50,8:0.00} {turn.P99,8:0.00} | {echo.PerSecond,9:0} {echo.P50,8:0.00} {echo.P99,8:0.00} | {turn.PerSecond / echo.PerSecond,8:P0}");
        }

        if (!inMemory)
        {
            var (waiting, finished) = await IdleStateSizesAsync();
            Console.WriteLine($"Stored conversation state: {waiting} bytes waiting at a prompt, {finished} bytes after the goodbye");
        }

        await app.StopAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);

        Task<Result> RunAsync(string path, int concurrency) => TurnLoad.RunAsync(http, path, concurrency, warmup, measure, "turn");

        async Task<(int Waiting, int Finished)> IdleStateSizesAsync()
        {
            const string conversationId = "bench-idle|livechat";
            await http.PostAsJsonAsync("/api/messages", Message(conversationId, 0, "주차권 결제 시점"), BotJson.Options);
            var waiting = await StoredSizeAsync(conversationId);
            await http.PostAsJsonAsync("/api/messages", Message(conversationId, 1, "강남역 공영주차장"), BotJson.Options);
            await http.PostAsJsonAsync("/api/messages", Message(conversationId, 2, "아니오"), BotJson.Options);
            return (waiting, await StoredSizeAsync(conversationId));
        }

        async Task<int> StoredSizeAsync(string conversationId)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "parkingbot.db")}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT length(CAST(document AS BLOB)) FROM items WHERE key = $key";
            command.Parameters.AddWithValue("$key", $"emulator/conversations/{conversationId}");
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }

        static Activity Message(string conversationId, int turn, string text) => TurnLoad.Message(conversationId, turn, text);

        return 0;
    }
}

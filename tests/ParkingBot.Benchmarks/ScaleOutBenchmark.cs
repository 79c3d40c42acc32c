using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ParkingBot.ClusterProxy;
using ParkingBot.Framework.Schema;
using ParkingBot.Hosting;
using ParkingBot.Testing;

namespace ParkingBot.Benchmarks;

/// <summary>
/// The turn benchmark's load on SQLite (one instance), PostgreSQL with one instance, and PostgreSQL with two instances
/// behind the cluster proxy, all in one run; then what one turn costs in PostgreSQL round trips.
/// </summary>
internal static class ScaleOutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var measure = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8);
        var warmup = TimeSpan.FromSeconds(2);
        var folder = Directory.CreateTempSubdirectory("parkingbot-scaleout-").FullName;
        Console.WriteLine($"ParkingBot scale-out benchmark — {Environment.ProcessorCount} cores, {measure.TotalSeconds:0}s per run after {warmup.TotalSeconds:0}s warm-up; "
            + "the bots are their own processes, the load generator and the proxy share this one");
        Console.WriteLine($"{"setup",-38} {"conversations",13} | {"turns/s",8} {"p50 ms",8} {"p99 ms",8}");
        try
        {
            await MeasureAsync("SQLite, 1 instance", Settings(null), instances: 1, proxied: false);
            var postgres = Settings(TestPostgres.CreateDatabaseConnectionString());
            await MeasureAsync("PostgreSQL, 1 instance", postgres, instances: 1, proxied: false);
            await MeasureAsync("PostgreSQL, 1 instance behind the proxy", postgres, instances: 1, proxied: true);
            await MeasureAsync("PostgreSQL, 2 instances behind the proxy", postgres, instances: 2, proxied: true);
            await RoundTripsPerTurnAsync(TestPostgres.CreateDatabaseConnectionString(), Path.Combine(folder, "round-trips"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;

        Dictionary<string, string> Settings(string? postgres) => postgres is null
            ? []
            : new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = postgres };

        async Task MeasureAsync(string setup, Dictionary<string, string> settings, int instances, bool proxied)
        {
            var bots = Enumerable.Range(0, instances).Select(i => new BotProcess(Path.Combine(folder, $"{setup.Replace(' ', '-')}-{i}"), settings)).ToList();
            await Task.WhenAll(bots.Select(bot => bot.StartAsync()));
            WebApplication? proxy = null;
            var address = bots[0].BaseAddress;
            if (proxied)
            {
                var builder = WebApplication.CreateBuilder(["--Urls=http://127.0.0.1:0"]);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddClusterProxy(bots.Select(b => b.BaseAddress.ToString()).ToList());
                proxy = builder.Build();
                proxy.MapReverseProxy();
                await proxy.StartAsync();
                address = new Uri(proxy.Urls.First());
            }
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = address };
            foreach (var concurrency in new[] { 16, 128 })
            {
                var result = await TurnLoad.RunAsync(http, "/api/messages", concurrency, warmup, measure, $"{setup}-{concurrency}".Replace(' ', '-'));
                Console.WriteLine($"{setup,-38} {concurrency,13} | {result.PerSecond,8:0} {result.P50,8:0.0} {result.P99,8:0.0}");
            }
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
            foreach (var bot in bots)
            {
                await bot.KillAsync();
            }
        }
    }

    /// <summary>Runs turns one at a time in this process and counts the commands Npgsql sends (its ActivitySource), by statement.</summary>
    private static async Task RoundTripsPerTurnAsync(string connectionString, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(["--Urls=http://127.0.0.1:0", "--Bot:AllowAnonymous=true", $"--Storage:DataDirectory={dataDirectory}", "--Storage:Provider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}"]);
        builder.AddParkingBot();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        string[] script = ["주차권 결제 시점", "강남역 공영주차장", "예"];
        const string conversation = "round-trips|livechat";
        for (var turn = 0; turn < 6; turn++)
        {
            (await http.PostAsJsonAsync("/api/messages", TurnLoad.Message(conversation, turn, script[turn % 3]), BotJson.Options)).EnsureSuccessStatusCode();
        }

        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => statements.Enqueue(Shape(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName)),
        };
        ActivitySource.AddActivityListener(listener);
        const int turns = 30;
        for (var turn = 6; turn < 6 + turns; turn++)
        {
            (await http.PostAsJsonAsync("/api/messages", TurnLoad.Message(conversation, turn, script[turn % 3]), BotJson.Options)).EnsureSuccessStatusCode();
        }
        await app.StopAsync();

        Console.WriteLine($"PostgreSQL round trips per turn (one instance, {turns} turns of the same dialog): {statements.Count / (double)turns:0.0}");
        foreach (var group in statements.GroupBy(s => s).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {group.Count() / (double)turns,5:0.0}  {group.Key}");
        }
    }

    /// <summary>The first words of a statement, enough to tell which store sent it.</summary>
    private static string Shape(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(6));
    }
}

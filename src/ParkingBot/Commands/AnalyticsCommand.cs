using ParkingBot.Data;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Commands;

/// <summary>
/// `analytics --from 2026-11-01 --to 2026-11-30 [--csv]`: the supervisor view's report for a period (Korea's days, both
/// inclusive), read from the configured store (Storage:Provider, Storage:DataDirectory, ConnectionStrings:Postgres).
/// </summary>
public static class AnalyticsCommand
{
    private const string Usage = "usage: ParkingBot analytics --from yyyy-MM-dd --to yyyy-MM-dd [--csv]";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? from = null, to = null;
        var csv = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--csv":
                    csv = true;
                    break;
                case "--from" when i + 1 < args.Length:
                    from = args[++i];
                    break;
                case "--to" when i + 1 < args.Length:
                    to = args[++i];
                    break;
                default:
                    await error.WriteLineAsync($"unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (period is null)
        {
            await error.WriteLineAsync($"{problem} {Usage}");
            return 2;
        }
        await using var databases = new StoreDatabases(configuration.StorageProvider(), configuration.DataDirectory(), configuration.GetConnectionString("Postgres"));
        var report = await new AnalyticsReports(new ConversationEvents(databases.Turns)).BuildAsync(period.From, period.To);
        await output.WriteAsync(csv ? AnalyticsFormats.Csv(report) : AnalyticsFormats.Text(report));
        return 0;
    }
}

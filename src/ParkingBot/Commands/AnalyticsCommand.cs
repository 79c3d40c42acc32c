using System.Globalization;
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
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } period)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        if (period.To <= period.From)
        {
            await error.WriteLineAsync($"--to must not be before --from. {Usage}");
            return 2;
        }
        await using var databases = new StoreDatabases(configuration.StorageProvider(), configuration.DataDirectory(), configuration.GetConnectionString("Postgres"));
        var report = await new AnalyticsReports(new ConversationEvents(databases.Turns)).BuildAsync(period.From, period.To);
        await output.WriteAsync(period.Csv ? AnalyticsFormats.Csv(report) : AnalyticsFormats.Text(report));
        return 0;
    }

    private static (DateTimeOffset From, DateTimeOffset To, bool Csv)? Parse(string[] args)
    {
        DateOnly? from = null, to = null;
        var csv = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--csv":
                    csv = true;
                    break;
                case "--from" when i + 1 < args.Length && Day(args[++i]) is { } day:
                    from = day;
                    break;
                case "--to" when i + 1 < args.Length && Day(args[++i]) is { } day:
                    to = day;
                    break;
                default:
                    return null;
            }
        }
        return from is { } f && to is { } t
            ? (new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), Korea), new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), Korea), csv)
            : null;
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

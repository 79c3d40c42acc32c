using System.Globalization;

namespace ParkingBot.Framework.Analytics;

/// <summary>A report's period: Korea's calendar days, both inclusive, as the instants from (inclusive) and to (exclusive).</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    /// <summary>The period of two days written yyyy-MM-dd, or why not.</summary>
    public static (ReportPeriod? Period, string? Problem) Parse(string? from, string? to)
    {
        if (Day(from) is not { } first || Day(to) is not { } last)
        {
            return (null, "from and to must be days written yyyy-MM-dd.");
        }
        if (last < first)
        {
            return (null, "to must not be before from.");
        }
        if (last.DayNumber - first.DayNumber > 366)
        {
            return (null, "A period is at most 366 days.");
        }
        return (new ReportPeriod(Start(first), Start(last.AddDays(1))), null);
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Korea);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ParkingBot.Testing;

/// <summary>
/// The moment the date-sensitive tests run at: Friday 2026-11-20 15:00 in Korea, or the moment in the
/// <c>ParkingBot_TestNow</c> environment variable (ISO 8601 with an offset, e.g. 2027-12-31T23:50+09:00), which
/// scripts/test.sh sets to month, year and leap-day boundaries. Tests never read the machine's clock for "today":
/// they ask this class, and the bots they start are given the same moment, so a date a customer types and the seed's
/// relative days always agree.
/// </summary>
public static partial class TestClock
{
    public const string Variable = "ParkingBot_TestNow";

    /// <summary>The trait of the tests scripts/test.sh runs again at those moments: <c>[Trait(TestClock.Trait, TestClock.Dated)]</c>.</summary>
    public const string Trait = "Clock";

    public const string Dated = "Dated";
    public static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);
    public static readonly DateTimeOffset Default = new(2026, 11, 20, 15, 0, 0, KoreaOffset);

    public static DateTimeOffset Now { get; } = Read(Environment.GetEnvironmentVariable(Variable));

    /// <summary>How far the test clock is from the system's: what a bot under test is given (<c>Clock:Offset</c>).</summary>
    public static TimeSpan Offset { get; } = Now - DateTimeOffset.UtcNow;

    /// <summary>
    /// <see cref="Now"/> plus the time the test run has taken so far: the moment bots started by a test and a customer's
    /// device (an activity's localTimestamp, a page's clock) are at, so that bots started one after the other, and their
    /// customers, agree on the time as real ones do.
    /// </summary>
    public static DateTimeOffset Running => DateTimeOffset.UtcNow + Offset;

    /// <summary>Today in Korea (the seed's "today").</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(KoreaOffset).DateTime);

    /// <summary>The day <paramref name="offset"/> days from today in Korea ("today-2" of the seed is Day(-2)).</summary>
    public static DateOnly Day(int offset) => Today.AddDays(offset);

    /// <summary>That day as a customer types it: "11월 18일".</summary>
    public static string Typed(int offset) => Day(offset).ToString("M월 d일", CultureInfo.InvariantCulture);

    /// <summary>That day as the bot's records hold it: "2026-11-18".</summary>
    public static string Iso(int offset) => Day(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Fills the day tokens of a test file: <c>{{d-2}}</c> is the day two days before today as 2026-11-18,
    /// <c>{{d-2|M월 d일}}</c> the same day in a .NET date format ("11월 18일"), <c>{{d+41}}</c> a day ahead.
    /// </summary>
    public static string Expand(string text) => Expand(text, Today);

    /// <summary>The day tokens of <paramref name="text"/> filled in with days counted from <paramref name="today"/>.</summary>
    public static string Expand(string text, DateOnly today) => DayToken().Replace(text, match =>
    {
        var offset = match.Groups["offset"].Value is { Length: > 0 } days ? int.Parse(days, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var day = today.AddDays(offset);
        var format = match.Groups["format"].Success ? match.Groups["format"].Value : "yyyy-MM-dd";
        return day.ToString(format, CultureInfo.InvariantCulture);
    });

    public static DateTimeOffset Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }
        return WithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw new FormatException($"{Variable}='{value}' is not a moment with an offset like 2027-12-31T23:50+09:00.");
    }

    [GeneratedRegex(@"\{\{d(?<offset>[+-]\d+|)(\|(?<format>[^}]+))?\}\}")]
    private static partial Regex DayToken();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")]
    private static partial Regex WithOffset();
}

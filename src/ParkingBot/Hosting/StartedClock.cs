using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ParkingBot.Hosting;

/// <summary>
/// The bot's clock. Normally the system's. With <c>Clock:StartAt</c> (a moment with its offset, e.g.
/// 2027-12-31T23:50+09:00) the bot starts at that moment and its time runs on from there at the real pace: a designer
/// sees the bot on the last evening of a year or on a leap day, and a test gives a bot the same "today" that it uses
/// for the dates its customer types. Timers and timeouts keep running on real time.
/// </summary>
public sealed partial class StartedClock : TimeProvider
{
    private readonly DateTimeOffset _startAt;
    private readonly long _started = Stopwatch.GetTimestamp();

    private StartedClock(DateTimeOffset startAt) => _startAt = startAt;

    public override DateTimeOffset GetUtcNow() => _startAt.ToUniversalTime() + Stopwatch.GetElapsedTime(_started);

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>The clock <c>Clock:StartAt</c> asks for, or the system's; a value that is not a moment with an offset stops the start.</summary>
    public static TimeProvider From(IConfiguration configuration)
    {
        if (configuration["Clock:StartAt"] is not { Length: > 0 } value)
        {
            return System;
        }
        return MomentWithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var startAt)
            ? new StartedClock(startAt)
            : throw new InvalidOperationException($"Clock:StartAt '{value}' is not a moment with its offset, like 2027-12-31T23:50+09:00.");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")]
    private static partial Regex MomentWithOffset();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ParkingBot.Hosting;

/// <summary>
/// The bot's clock: the system's, shifted. <c>Clock:StartAt</c> (a moment with its offset, e.g. 2027-12-31T23:50+09:00)
/// makes the bot start at that moment and run on from there at the real pace: a designer sees the bot on the last
/// evening of a year or on a leap day. <c>Clock:Offset</c> (e.g. -17.02:30:00) shifts the system's time by a fixed amount,
/// so that several instances, started one after the other, agree on the time (the tests' clusters use it).
/// Timers and timeouts keep running on real time.
/// </summary>
public sealed partial class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>The clock Clock:Offset or Clock:StartAt asks for, or the system's; a value that cannot be read stops the start.</summary>
    public static TimeProvider From(IConfiguration configuration)
    {
        if (configuration["Clock:Offset"] is { Length: > 0 } offset)
        {
            return TimeSpan.TryParse(offset, CultureInfo.InvariantCulture, out var shift)
                ? new ShiftedClock(shift)
                : throw new InvalidOperationException($"Clock:Offset '{offset}' is not a time span like -17.02:30:00.");
        }
        if (configuration["Clock:StartAt"] is not { Length: > 0 } value)
        {
            return System;
        }
        return MomentWithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var startAt)
            ? new ShiftedClock(startAt - System.GetUtcNow())
            : throw new InvalidOperationException($"Clock:StartAt '{value}' is not a moment with its offset, like 2027-12-31T23:50+09:00.");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")]
    private static partial Regex MomentWithOffset();
}

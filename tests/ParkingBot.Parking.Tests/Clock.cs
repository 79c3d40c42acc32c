namespace ParkingBot.Parking.Tests;

/// <summary>A settable clock; the tests' "now" is Friday 2026-11-20 15:00 in Korea.</summary>
public sealed class Clock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Friday = new(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9));

    public DateTimeOffset Now { get; set; } = now;

    public Clock() : this(Friday) { }

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

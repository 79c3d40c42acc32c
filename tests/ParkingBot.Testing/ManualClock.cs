namespace ParkingBot.Testing;

/// <summary>A clock a test moves by hand (timers still run on real time).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

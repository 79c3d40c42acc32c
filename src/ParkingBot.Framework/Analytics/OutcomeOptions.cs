namespace ParkingBot.Framework.Analytics;

/// <summary>Section Outcomes: when quiet counts as abandonment, and as a resolution assumed.</summary>
public sealed class OutcomeOptions
{
    /// <summary>A conversation idle this long has ended; a flow in the middle then counts as abandoned.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A contained answer the customer neither confirmed nor came back to within this time counts as resolved, assumed.</summary>
    public TimeSpan AssumeResolvedAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweep looks for conversations gone quiet.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

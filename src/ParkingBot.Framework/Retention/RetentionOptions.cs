namespace ParkingBot.Framework.Retention;

/// <summary>Section Retention: how long an idle conversation's data is kept, and how often the sweep runs.</summary>
public sealed class RetentionOptions
{
    /// <summary>Days a conversation may stay idle before its Direct Line log, uploads, transcript and state are removed.</summary>
    public int Days { get; set; } = 30;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

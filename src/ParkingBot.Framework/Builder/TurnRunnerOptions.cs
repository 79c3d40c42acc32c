namespace ParkingBot.Framework.Builder;

/// <summary>Limits of every turn, whatever the channel. Bound from the configuration section "Bot".</summary>
public sealed class TurnRunnerOptions
{
    /// <summary>How often a turn is run again after its state save met a concurrent change.</summary>
    public int MaxConflictRetries { get; set; } = 3;

    /// <summary>Longest conversation, user or activity id accepted (Teams' conversation ids run to a few hundred characters).</summary>
    public int MaxIdLength { get; set; } = 512;

    /// <summary>How long a turn waits for the conversation's previous turn (on any instance) before it answers 503.</summary>
    public TimeSpan ConversationLockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>How a turn run by the <see cref="TurnRunner"/> ended.</summary>
public enum TurnOutcome
{
    Done,

    /// <summary>The activity was not acceptable (see <see cref="TurnResult.Reason"/>); the bot did not run.</summary>
    Refused,

    /// <summary>The conversation's state kept changing concurrently; the activity was not processed.</summary>
    StateConflict,

    /// <summary>The turn ran and was saved, but its replies could not be delivered; the same activity again delivers them.</summary>
    DeliveryFailed,

    /// <summary>Another turn of the conversation held it longer than Bot:ConversationLockTimeout; the activity was not processed.</summary>
    Busy,
}

/// <summary>Where the replies of a turn go.</summary>
public enum TurnDelivery
{
    /// <summary>To the channel (Connector POST to serviceUrl, or the in-process channel that handles it).</summary>
    ToChannel,

    /// <summary>Back to the caller in <see cref="TurnResult.Replies"/> (Bot Framework's expectReplies).</summary>
    ToCaller,
}

/// <param name="Replayed">The activity had been processed before: its first run's replies, the bot did not run again.</param>
public sealed record TurnResult(TurnOutcome Outcome, IReadOnlyList<Activity> Replies, InvokeResponse? InvokeResponse = null, TurnRefusal? Refusal = null, bool Replayed = false);

/// <summary>Why the runner did not take an activity, in the error codes of the Bot Framework protocol.</summary>
public sealed record TurnRefusal(string Code, string Reason)
{
    public static TurnRefusal Missing(string property) => new("MissingProperty", $"The activity has no {property}.");

    public static TurnRefusal Invalid(string reason) => new("BadArgument", reason);
}

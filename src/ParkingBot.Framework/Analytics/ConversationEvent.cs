using System.Security.Cryptography;
using System.Text;

namespace ParkingBot.Framework.Analytics;

/// <summary>
/// One line of the append-only record of how conversations go. It never holds what the customer wrote, nor a car or phone
/// number: the conversation is a one-way hash, the rest are names from the bot's own vocabulary and numbers.
/// </summary>
/// <param name="Key">Unique: an event recorded twice (a turn run again, the sweep and a returning customer) is kept once.</param>
public sealed record ConversationEvent(string Key, DateTimeOffset At, string Kind, string Conversation, string Channel)
{
    public string? Flow { get; init; }
    public string? Ending { get; init; }

    /// <summary>The policy's rule, the handoff reasons (comma-separated), or the question left unanswered.</summary>
    public string? Reason { get; init; }

    /// <summary>How a topic was chosen, how a conversation ended, the case's category, whom a rating is about.</summary>
    public string? Detail { get; init; }
    public string? Version { get; init; }

    /// <summary>A flow's duration, a case's wait (claimed) or handling time (resolved).</summary>
    public long? DurationMs { get; init; }
    public int? Turns { get; init; }

    /// <summary>A CSAT rating, 1 to 5.</summary>
    public int? Score { get; init; }

    /// <summary>The conversation as events name it: a one-way hash of its channel and id.</summary>
    public static string Anonymize(string channelId, string conversationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}/{conversationId}")))[..20];
}

public static class ConversationEventKinds
{
    public const string ConversationStarted = "conversationStarted";
    public const string TopicStarted = "topicStarted";
    public const string FlowEnded = "flowEnded";

    /// <summary>A contained ending confirmed: Detail is "verified" (the customer said so) or "assumed" (they went quiet).</summary>
    public const string ResolutionConfirmed = "resolutionConfirmed";
    public const string HandoffOpened = "handoffOpened";
    public const string HandoffClaimed = "handoffClaimed";
    public const string HandoffResolved = "handoffResolved";
    public const string HandoffCancelled = "handoffCancelled";
    public const string CsatAnswered = "csatAnswered";
    public const string ConversationEnded = "conversationEnded";
}

/// <summary>How a topic was chosen (<see cref="ConversationEventKinds.TopicStarted"/>'s Detail).</summary>
public static class TopicChoices
{
    public const string Button = "button";
    public const string FreeText = "freeText";
    public const string Suggestion = "suggestion";

    /// <summary>The customer came back to a flow recorded as abandoned: a new run of it.</summary>
    public const string Resumed = "resumed";
}

public static class Resolutions
{
    public const string Verified = "verified";
    public const string Assumed = "assumed";
}

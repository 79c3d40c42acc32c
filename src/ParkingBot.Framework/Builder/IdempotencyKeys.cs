using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// Keys for the side effects of a turn (a port command, a handoff case, a transcript line): the conversation, the
/// activity and the effect. A turn run again (after a state conflict, or because the channel sent the activity again
/// before its first run was saved) derives the same keys, so a store that keeps a key's first result does it once.
/// </summary>
public static class IdempotencyKeys
{
    internal const string TurnStateKey = "IdempotencyKeys.Turn";

    /// <summary>Null when the turn has no activity of its own to key by (proactive turns, turns run outside the runner).</summary>
    public static string? For(ITurnContext turnContext, string effect) =>
        turnContext.TurnState.Get<string>(TurnStateKey) is { } turn ? $"{turn}/{effect}" : null;

    internal static string Turn(Activity activity) => $"{activity.ChannelId}/{activity.Conversation!.Id}/{activity.Id}";
}

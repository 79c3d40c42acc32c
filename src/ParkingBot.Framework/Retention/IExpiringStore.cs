namespace ParkingBot.Framework.Retention;

/// <summary>
/// A store that keeps what a conversation said, sent or left behind, and forgets it once the conversation has been idle
/// longer than the retention period (<see cref="RetentionOptions.Days"/>).
/// </summary>
public interface IExpiringStore
{
    /// <summary>What the store keeps, for the sweep's log line.</summary>
    string Name { get; }

    /// <summary>
    /// Removes what belongs to conversations idle since before <paramref name="cutoff"/>, except the conversations in
    /// <paramref name="keep"/> (as <see cref="ConversationKeys.Of"/>); how many items went.
    /// </summary>
    Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default);
}

/// <summary>Conversations kept whatever their age, such as those with a case still open for an agent.</summary>
public interface IConversationsInUse
{
    Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken = default);
}

public static class ConversationKeys
{
    /// <summary>"{channelId}/{conversationId}": a conversation across stores.</summary>
    public static string Of(string channelId, string conversationId) => $"{channelId}/{conversationId}";

    /// <summary>The conversation-state storage keys of conversations given as <see cref="Of"/>.</summary>
    public static HashSet<string> StateKeysOf(IEnumerable<string> conversations) =>
        conversations.Select(c => c.Split('/', 2)).Where(p => p.Length == 2)
            .Select(p => Builder.ConversationState.StorageKey(p[0], p[1])).ToHashSet(StringComparer.Ordinal);
}

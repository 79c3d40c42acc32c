using ParkingBot.Data;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Store;

/// <summary>A case and the eTag it was read with.</summary>
public sealed record StoredCase(HandoffCase Case, string ETag);

/// <param name="Created">False when an existing case was returned instead.</param>
public sealed record CreatedCase(StoredCase Stored, bool Created);

/// <summary>Durable handoff cases with optimistic concurrency: a save with a stale eTag fails.</summary>
public interface IHandoffCaseStore
{
    /// <summary>
    /// Stores a new case, unless the conversation already has an open case or a case was created with the same
    /// <paramref name="idempotencyKey"/>: then that case is returned and nothing is stored (at most one open case
    /// per conversation, and a turn run again opens none).
    /// </summary>
    Task<CreatedCase> CreateAsync(HandoffCase handoffCase, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    Task<StoredCase?> GetAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The open (queued or assigned) case of a conversation, if any.</summary>
    Task<StoredCase?> FindOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Every case still to be worked (queued, assigned, follow-up) and every case created since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<HandoffCase>> ListRecentAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>How many cases wait for an agent.</summary>
    Task<int> CountQueuedAsync(CancellationToken cancellationToken = default);

    /// <summary>The conversations with a queued or assigned case, as "{channelId}/{conversationId}".</summary>
    Task<IReadOnlySet<string>> ListOpenConversationsAsync(CancellationToken cancellationToken = default);

    /// <returns>The new eTag.</returns>
    /// <exception cref="HandoffConflictException">The case changed since it was read.</exception>
    Task<string> SaveAsync(HandoffCase handoffCase, string etag, CancellationToken cancellationToken = default);

    /// <summary>Saves the case and runs <paramref name="alongside"/> (rows of this store's database, such as a follow-up) in one transaction.</summary>
    /// <returns>The new eTag.</returns>
    /// <exception cref="HandoffConflictException">The case changed since it was read; nothing was written.</exception>
    Task<string> SaveAsync(HandoffCase handoffCase, string etag, IReadOnlyList<SqlStatement> alongside, CancellationToken cancellationToken = default);
}

public sealed class HandoffConflictException(string caseId) : Exception($"Handoff case {caseId} was changed by someone else.")
{
    public string CaseId { get; } = caseId;
}

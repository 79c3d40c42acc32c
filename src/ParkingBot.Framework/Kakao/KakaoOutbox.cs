using System.Text.Json;
using ParkingBot.Data;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

public enum CallbackState
{
    /// <summary>The turn still runs; Kakao shows the waiting text.</summary>
    Waiting,

    /// <summary>The turn's replies are stored; the response is not posted yet.</summary>
    Ready,

    /// <summary>Claimed by one instance, which posts it (at most once: Kakao's callback URL is single-use).</summary>
    Sending,
    Sent,

    /// <summary>Not posted (refused, unreachable or too late): its replies wait for the customer's next message.</summary>
    Failed,
}

/// <summary>A turn answered by callback: where and until when its final response may be posted, and the replies once known.</summary>
public sealed record KakaoCallback(string Id, string UserId, Uri Url, DateTimeOffset ExpiresAt, IReadOnlyList<Activity>? Replies);

/// <summary>
/// The KakaoTalk channel's durable side, in the shared database: replies a customer has not seen yet (a turn that outran
/// Kakao's deadline without a callback, what did not fit in three bubbles, messages sent outside a turn), shown at their
/// next message; and the turns answered by callback, so that a final response is posted once, by whichever instance holds
/// it, even when the instance that ran the turn stops before posting it.
/// </summary>
public sealed class KakaoOutbox : Retention.IExpiringStore
{
    private readonly SqlDatabase _database;

    public KakaoOutbox(SqlDatabase database)
    {
        _database = database;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS kakao_pending (
                seq {database.RowKey},
                user_id TEXT NOT NULL,
                created_at {database.TimeType} NOT NULL,
                json TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS kakao_pending_by_user ON kakao_pending (user_id, seq);
            CREATE TABLE IF NOT EXISTS kakao_callbacks (
                id TEXT PRIMARY KEY NOT NULL,
                user_id TEXT NOT NULL,
                url TEXT NOT NULL,
                expires_at {database.TimeType} NOT NULL,
                state TEXT NOT NULL,
                changed_at {database.TimeType} NOT NULL,
                replies TEXT
            );
            CREATE INDEX IF NOT EXISTS kakao_callbacks_by_state ON kakao_callbacks (state, expires_at);
            """);
    }

    /// <summary>Keeps replies for the customer's next message (after those already kept).</summary>
    public async Task KeepAsync(string userId, IReadOnlyList<Activity> replies, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (replies.Count == 0)
        {
            return;
        }
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "INSERT INTO kakao_pending (user_id, created_at, json) VALUES ($1, $2, $3)",
            [userId, _database.Time(now), JsonSerializer.Serialize(replies, BotJson.Options)], cancellationToken);
    }

    /// <summary>Takes the replies kept for the customer, oldest first; they are gone from the outbox once taken.</summary>
    public async Task<IReadOnlyList<Activity>> TakeAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(null, "DELETE FROM kakao_pending WHERE user_id = $1 RETURNING seq, json", [userId],
            reader => (Seq: reader.GetInt64(0), Json: reader.GetString(1)), cancellationToken);
        return rows.OrderBy(r => r.Seq).SelectMany(r => JsonSerializer.Deserialize<List<Activity>>(r.Json, BotJson.Options) ?? []).ToList();
    }

    /// <summary>Records a turn answered with useCallback, before the answer goes out.</summary>
    public async Task OpenCallbackAsync(string id, string userId, Uri url, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "INSERT INTO kakao_callbacks (id, user_id, url, expires_at, state, changed_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [id, userId, url.ToString(), _database.Time(expiresAt), nameof(CallbackState.Waiting), _database.Time(now)], cancellationToken);
    }

    /// <summary>Stores the turn's replies: the callback is ready to be posted. False when it expired meanwhile (keep them instead).</summary>
    public async Task<bool> CompleteCallbackAsync(string id, IReadOnlyList<Activity> replies, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "UPDATE kakao_callbacks SET state = $2, replies = $3, changed_at = $4 WHERE id = $1 AND state = $5 AND expires_at > $4",
            [id, nameof(CallbackState.Ready), JsonSerializer.Serialize(replies, BotJson.Options), _database.Time(now), nameof(CallbackState.Waiting)], cancellationToken) == 1;
    }

    /// <summary>
    /// Claims ready callbacks for posting (the one named, or any due when <paramref name="id"/> is null): no other instance
    /// gets them. Those whose time ran out are not claimed; see <see cref="ExpireAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<KakaoCallback>> ClaimAsync(string? id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var claimed = await connection.QueryAsync(transaction, $"""
            UPDATE kakao_callbacks SET state = $1, changed_at = $2 WHERE id IN (
                SELECT id FROM kakao_callbacks WHERE state = $3 AND expires_at > $2 AND ($4 = '' OR id = $4) LIMIT 20{_database.ForUpdateSkipLocked})
            RETURNING id, user_id, url, expires_at, replies
            """, [nameof(CallbackState.Sending), _database.Time(now), nameof(CallbackState.Ready), id ?? ""], Read, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task MarkAsync(string id, CallbackState state, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "UPDATE kakao_callbacks SET state = $2, changed_at = $3 WHERE id = $1",
            [id, state.ToString(), _database.Time(now)], cancellationToken);
    }

    /// <summary>
    /// Callbacks that can no longer be posted — waiting or ready past their time, or claimed by an instance that stopped while
    /// posting — are marked failed and returned, so that their replies (when known) wait for the customer's next message.
    /// </summary>
    public async Task<IReadOnlyList<KakaoCallback>> ExpireAsync(DateTimeOffset now, TimeSpan sendingTimeout, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var expired = await connection.QueryAsync(transaction, $"""
            UPDATE kakao_callbacks SET state = $1, changed_at = $2 WHERE id IN (
                SELECT id FROM kakao_callbacks
                WHERE (state IN ($3, $6) AND expires_at <= $2) OR (state = $4 AND changed_at <= $5)
                LIMIT 50{_database.ForUpdateSkipLocked})
            RETURNING id, user_id, url, expires_at, replies
            """, [nameof(CallbackState.Failed), _database.Time(now), nameof(CallbackState.Ready), nameof(CallbackState.Sending), _database.Time(now - sendingTimeout),
            nameof(CallbackState.Waiting)], Read, cancellationToken);
        // Done callbacks are kept an hour for the operator's eyes, then dropped.
        await connection.ExecuteAsync(transaction, "DELETE FROM kakao_callbacks WHERE state IN ($1, $2) AND changed_at <= $3",
            [nameof(CallbackState.Sent), nameof(CallbackState.Failed), _database.Time(now.AddHours(-1))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired;
    }

    public string Name => "KakaoTalk replies not yet shown";

    /// <summary>Replies kept for a KakaoTalk customer who has not come back within the retention period are dropped.</summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var idle = await connection.QueryAsync(null, "SELECT DISTINCT user_id FROM kakao_pending WHERE created_at < $1", [_database.Time(cutoff)],
            reader => reader.GetString(0), cancellationToken);
        var removed = 0;
        foreach (var user in idle.Where(user => !keep.Contains(Retention.ConversationKeys.Of(Channels.Kakao, user))))
        {
            removed += await connection.ExecuteAsync(null, "DELETE FROM kakao_pending WHERE user_id = $1 AND created_at < $2", [user, _database.Time(cutoff)], cancellationToken);
        }
        return removed;
    }

    public async Task<CallbackState?> StateAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var state = await connection.ScalarAsync<string>(null, "SELECT state FROM kakao_callbacks WHERE id = $1", [id], cancellationToken);
        return state is null ? null : Enum.Parse<CallbackState>(state);
    }

    private static KakaoCallback Read(System.Data.Common.DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        new Uri(reader.GetString(2)),
        reader.ReadTime(3),
        reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<List<Activity>>(reader.GetString(4), BotJson.Options));
}

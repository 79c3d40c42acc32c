using System.Data.Common;
using ParkingBot.Data;

namespace ParkingBot.Handoff.Notifications;

public enum NotificationState
{
    /// <summary>Kept for an agent to send by hand (no webhook configured).</summary>
    Outbox,
    /// <summary>Waiting for (another) webhook delivery attempt.</summary>
    Pending,
    Delivered,
}

public sealed record OutboxEntry(long Id, DateTimeOffset CreatedAt, Notification Notification, NotificationState State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>
/// Every follow-up, durably: nothing queued is lost across a restart. Instances that share the database claim due
/// follow-ups (<see cref="ClaimDueAsync"/>), so each is delivered by one of them.
/// </summary>
public sealed class NotificationOutbox
{
    private const string Columns = "id, created_at, case_id, user_id, text, state, attempts, next_attempt_at, last_error";

    /// <summary>How long a claimed follow-up is left to its instance before another may try it (the instance may have died).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private readonly SqlDatabase _database;
    private readonly TimeProvider _timeProvider;

    public NotificationOutbox(SqlDatabase database, TimeProvider timeProvider)
    {
        _database = database;
        _timeProvider = timeProvider;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS notifications (
                id {database.SequenceKey},
                created_at {database.TimeType} NOT NULL,
                case_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                text TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at {database.TimeType} NOT NULL,
                last_error TEXT
            );
            """);
    }

    public async Task AddAsync(Notification notification, NotificationState state, CancellationToken cancellationToken = default)
    {
        var add = AddStatement(notification, state);
        await ExecuteAsync(add.Sql, add.Values, cancellationToken);
    }

    /// <summary>The row of <paramref name="notification"/>, to write in another change's transaction.</summary>
    public SqlStatement AddStatement(Notification notification, NotificationState state)
    {
        var now = _database.Time(_timeProvider.GetUtcNow());
        return new("""
            INSERT INTO notifications (created_at, case_id, user_id, text, state, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $1)
            """, [now, notification.CaseId, notification.CustomerUserId, notification.Text, state.ToString()]);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(null, $"SELECT {Columns} FROM notifications ORDER BY id DESC LIMIT 200", [], Read, cancellationToken);
    }

    /// <summary>
    /// The pending follow-ups that are due, claimed for <see cref="ClaimLease"/>: no other instance gets them until they
    /// are marked delivered or failed, or the lease runs out.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var claimed = await connection.QueryAsync(transaction, $"""
            UPDATE notifications SET next_attempt_at = $2 WHERE id IN (
                SELECT id FROM notifications WHERE state = 'Pending' AND next_attempt_at <= $1 ORDER BY id LIMIT 50{_database.ForUpdateSkipLocked})
            RETURNING {Columns}
            """, [_database.Time(now), _database.Time(now + ClaimLease)], Read, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.OrderBy(entry => entry.Id).ToList();
    }

    public Task MarkDeliveredAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notifications SET state = 'Delivered', attempts = attempts + 1, last_error = NULL WHERE id = $1", [id], cancellationToken);

    public Task MarkFailedAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notifications SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1",
            [id, _database.Time(nextAttemptAt), error], cancellationToken);

    private async Task ExecuteAsync(string sql, object?[] values, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, sql, values, cancellationToken);
    }

    private static OutboxEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.ReadTime(1),
        new Notification(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
        Enum.Parse<NotificationState>(reader.GetString(5)),
        reader.GetInt32(6),
        reader.ReadTime(7),
        reader.ReadNullableString(8));
}

/// <summary>The embedded default: follow-ups wait in the outbox, which the agent console shows.</summary>
public sealed class OutboxNotificationSender(NotificationOutbox outbox) : INotificationSender
{
    public SqlStatement Queue(Notification notification) => outbox.AddStatement(notification, NotificationState.Outbox);

    public void Queued()
    {
    }
}

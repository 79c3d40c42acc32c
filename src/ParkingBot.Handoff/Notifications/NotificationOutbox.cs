using ParkingBot.Framework.Storage;

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

/// <summary>Every follow-up, durably, in {Storage:DataDirectory}/handoff.db: nothing queued is lost across a restart.</summary>
public sealed class NotificationOutbox(string databasePath, TimeProvider timeProvider)
{
    private readonly string _connectionString = SqliteFiles.Prepare(databasePath, """
        CREATE TABLE IF NOT EXISTS notifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            case_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            text TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT
        );
        """);

    public async Task AddAsync(Notification notification, NotificationState state, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime.ToString("O");
        await ExecuteAsync("""
            INSERT INTO notifications (created_at, case_id, user_id, text, state, next_attempt_at)
            VALUES ($a, $b, $c, $d, $e, $a)
            """, cancellationToken, now, notification.CaseId, notification.CustomerUserId, notification.Text, state.ToString());
    }

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM notifications ORDER BY id DESC LIMIT 200", cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> DueAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM notifications WHERE state = 'Pending' AND next_attempt_at <= $a ORDER BY id LIMIT 50", cancellationToken,
            timeProvider.GetUtcNow().UtcDateTime.ToString("O"));

    public Task MarkDeliveredAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notifications SET state = 'Delivered', attempts = attempts + 1, last_error = NULL WHERE id = $a", cancellationToken, id);

    public Task MarkFailedAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notifications SET attempts = attempts + 1, next_attempt_at = $b, last_error = $c WHERE id = $a", cancellationToken,
            id, nextAttemptAt.UtcDateTime.ToString("O"), error);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<OutboxEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                new Notification(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                Enum.Parse<NotificationState>(reader.GetString(5)),
                reader.GetInt32(6),
                DateTimeOffset.Parse(reader.GetString(7), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return entries;
    }
}

/// <summary>The embedded default: follow-ups wait in the outbox, which the agent console shows.</summary>
public sealed class OutboxNotificationSender(NotificationOutbox outbox) : INotificationSender
{
    public Task SendAsync(Notification notification, CancellationToken cancellationToken = default) =>
        outbox.AddAsync(notification, NotificationState.Outbox, cancellationToken);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// The Direct Line log in {Storage:DataDirectory}/directline.db. Each conversation keeps at most
/// DirectLine:MaxLogActivities activities and DirectLine:MaxLogBytes bytes; the oldest go first
/// (watermarks stay valid: they are positions, never reused).
/// </summary>
public sealed class SqliteDirectLineStore(IOptions<DirectLineOptions> options) : IDirectLineStore
{
    private readonly DirectLineOptions _options = options.Value;
    private readonly string _connectionString = SqliteFiles.Prepare(options.Value.DatabasePath, """
        CREATE TABLE IF NOT EXISTS dl_conversations (
            id TEXT PRIMARY KEY NOT NULL,
            started_at TEXT NOT NULL,
            last_seq INTEGER NOT NULL DEFAULT 0,
            last_active_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS dl_activities (
            conversation_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            delivery_key TEXT,
            bytes INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        CREATE UNIQUE INDEX IF NOT EXISTS dl_activities_by_key ON dl_activities (conversation_id, delivery_key) WHERE delivery_key IS NOT NULL;
        """);

    public async Task<bool> TryStartAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = Command(connection, null, """
            INSERT INTO dl_conversations (id, started_at, last_active_at) VALUES ($id, $now, $now) ON CONFLICT (id) DO NOTHING
            """, ("$id", conversationId), ("$now", Time(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, string? deliveryKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (deliveryKey is not null && await ExistingAsync(connection, transaction, conversationId, deliveryKey, cancellationToken) is { } logged)
        {
            return logged;
        }
        await using (var upsert = Command(connection, transaction, """
            INSERT INTO dl_conversations (id, started_at, last_seq, last_active_at) VALUES ($id, $now, 1, $now)
            ON CONFLICT (id) DO UPDATE SET last_seq = last_seq + 1, last_active_at = $now
            RETURNING last_seq
            """, ("$id", conversationId), ("$now", Time(now))))
        {
            var seq = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
            activity.Id = $"{conversationId}|{seq:0000000}";
            activity.Timestamp = now;
            activity.Conversation = new ConversationAccount(conversationId);
            activity.ChannelId = Channels.DirectLine;
            var json = JsonSerializer.Serialize(activity, BotJson.Options);
            await using var insert = Command(connection, transaction, """
                INSERT INTO dl_activities (conversation_id, seq, delivery_key, bytes, json) VALUES ($id, $seq, $key, $bytes, $json)
                """, ("$id", conversationId), ("$seq", seq), ("$key", deliveryKey), ("$bytes", System.Text.Encoding.UTF8.GetByteCount(json)), ("$json", json));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await TrimAsync(connection, transaction, conversationId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new LoggedActivity(activity, seq, Appended: true);
        }
    }

    public async Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var last = Command(connection, null, "SELECT last_seq FROM dl_conversations WHERE id = $id", ("$id", conversationId));
        var lastSeq = await last.ExecuteScalarAsync(cancellationToken) is long value ? value : 0;
        var from = watermark > lastSeq ? 0 : watermark;
        await using var command = Command(connection, null, """
            SELECT seq, json FROM dl_activities WHERE conversation_id = $id AND seq > $from ORDER BY seq LIMIT $max
            """, ("$id", conversationId), ("$from", from), ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var activities = new List<JsonObject>();
        var next = from;
        while (await reader.ReadAsync(cancellationToken))
        {
            next = reader.GetInt64(0);
            activities.Add(JsonNode.Parse(reader.GetString(1))!.AsObject());
        }
        return new ActivityPage(activities, next);
    }

    public async Task<IReadOnlyList<string>> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var select = Command(connection, transaction, "SELECT id FROM dl_conversations WHERE last_active_at < $cutoff", ("$cutoff", Time(cutoff)));
        var idle = new List<string>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!keep.Contains(reader.GetString(0)))
                {
                    idle.Add(reader.GetString(0));
                }
            }
        }
        foreach (var id in idle)
        {
            await using var delete = Command(connection, transaction,
                "DELETE FROM dl_activities WHERE conversation_id = $id; DELETE FROM dl_conversations WHERE id = $id;", ("$id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return idle;
    }

    private async Task TrimAsync(SqliteConnection connection, SqliteTransaction transaction, string conversationId, CancellationToken cancellationToken)
    {
        // Keep the newest activities within both caps.
        await using var trim = Command(connection, transaction, """
            DELETE FROM dl_activities WHERE conversation_id = $id AND seq < (
                SELECT COALESCE(MIN(seq), 0) FROM (
                    SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS total, ROW_NUMBER() OVER (ORDER BY seq DESC) AS n
                    FROM dl_activities WHERE conversation_id = $id
                ) WHERE total <= $maxBytes AND n <= $maxCount)
            """, ("$id", conversationId), ("$maxBytes", _options.MaxLogBytes), ("$maxCount", _options.MaxLogActivities));
        await trim.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<LoggedActivity?> ExistingAsync(SqliteConnection connection, SqliteTransaction transaction, string conversationId, string deliveryKey, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT seq, json FROM dl_activities WHERE conversation_id = $id AND delivery_key = $key",
            ("$id", conversationId), ("$key", deliveryKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LoggedActivity(JsonSerializer.Deserialize<Activity>(reader.GetString(1), BotJson.Options)!, reader.GetInt64(0), Appended: false)
            : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// The Direct Line log, in directline.db or the shared PostgreSQL database. Each conversation keeps at most
/// DirectLine:MaxLogActivities activities and DirectLine:MaxLogBytes bytes; the oldest go first
/// (watermarks stay valid: they are positions, never reused).
/// </summary>
public sealed class SqlDirectLineStore : IDirectLineStore
{
    private readonly SqlDatabase _database;
    private readonly DirectLineOptions _options;

    public SqlDirectLineStore(SqlDatabase database, IOptions<DirectLineOptions> options)
    {
        _database = database;
        _options = options.Value;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS dl_conversations (
                id TEXT PRIMARY KEY NOT NULL,
                started_at {database.TimeType} NOT NULL,
                last_seq BIGINT NOT NULL DEFAULT 0,
                last_active_at {database.TimeType} NOT NULL
            );
            CREATE TABLE IF NOT EXISTS dl_activities (
                conversation_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                delivery_key TEXT,
                bytes BIGINT NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (conversation_id, seq)
            );
            CREATE UNIQUE INDEX IF NOT EXISTS dl_activities_by_key ON dl_activities (conversation_id, delivery_key) WHERE delivery_key IS NOT NULL;
            """);
    }

    public async Task<bool> TryStartAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, """
            INSERT INTO dl_conversations (id, started_at, last_active_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING
            """, [conversationId, _database.Time(now)], cancellationToken) == 1;
    }

    public async Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, string? deliveryKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        // The conversation's row is locked by the upsert below; a delivery key is checked under the same lock.
        var seq = await connection.ScalarAsync<long>(transaction, """
            INSERT INTO dl_conversations (id, started_at, last_seq, last_active_at) VALUES ($1, $2, 1, $2)
            ON CONFLICT (id) DO UPDATE SET last_seq = dl_conversations.last_seq + 1, last_active_at = $2
            RETURNING last_seq
            """, [conversationId, _database.Time(now)], cancellationToken);
        if (deliveryKey is not null && await ExistingAsync(connection, transaction, conversationId, deliveryKey, cancellationToken) is { } logged)
        {
            await transaction.RollbackAsync(cancellationToken);
            return logged;
        }
        activity.Id = $"{conversationId}|{seq:0000000}";
        activity.Timestamp = now;
        activity.Conversation = new ConversationAccount(conversationId);
        activity.ChannelId = Channels.DirectLine;
        var json = JsonSerializer.Serialize(activity, BotJson.Options);
        await connection.ExecuteAsync(transaction, "INSERT INTO dl_activities (conversation_id, seq, delivery_key, bytes, json) VALUES ($1, $2, $3, $4, $5)",
            [conversationId, seq, deliveryKey, (long)System.Text.Encoding.UTF8.GetByteCount(json), json], cancellationToken);
        // Keep the newest activities within both caps.
        await connection.ExecuteAsync(transaction, """
            DELETE FROM dl_activities WHERE conversation_id = $1 AND seq < (
                SELECT COALESCE(MIN(seq), 0) FROM (
                    SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS total, ROW_NUMBER() OVER (ORDER BY seq DESC) AS n
                    FROM dl_activities WHERE conversation_id = $1
                ) AS newest WHERE total <= $2 AND n <= $3)
            """, [conversationId, _options.MaxLogBytes, (long)_options.MaxLogActivities], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoggedActivity(activity, seq, Appended: true);
    }

    public async Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var lastSeq = await connection.ScalarAsync<long>(null, "SELECT last_seq FROM dl_conversations WHERE id = $1", [conversationId], cancellationToken);
        var from = watermark > lastSeq ? 0 : watermark;
        var rows = await connection.QueryAsync(null, "SELECT seq, json FROM dl_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            [conversationId, from, (long)max], reader => (Seq: reader.GetInt64(0), Json: reader.GetString(1)), cancellationToken);
        return new ActivityPage(rows.Select(row => JsonNode.Parse(row.Json)!.AsObject()).ToList(), rows.Count > 0 ? rows[^1].Seq : from);
    }

    public async Task<IReadOnlyList<string>> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var idle = await connection.QueryAsync(null, "SELECT id FROM dl_conversations WHERE last_active_at < $1", [_database.Time(cutoff)],
            reader => reader.GetString(0), cancellationToken);
        var removed = new List<string>();
        foreach (var id in idle.Where(id => !keep.Contains(id)))
        {
            await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
            // Only if it is still idle: a customer may have come back since the select.
            if (await connection.ExecuteAsync(transaction, "DELETE FROM dl_conversations WHERE id = $1 AND last_active_at < $2", [id, _database.Time(cutoff)],
                    cancellationToken) == 1)
            {
                await connection.ExecuteAsync(transaction, "DELETE FROM dl_activities WHERE conversation_id = $1", [id], cancellationToken);
                removed.Add(id);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return removed;
    }

    private static async Task<LoggedActivity?> ExistingAsync(DbConnection connection, DbTransaction transaction, string conversationId, string deliveryKey,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync(transaction, "SELECT seq, json FROM dl_activities WHERE conversation_id = $1 AND delivery_key = $2", [conversationId, deliveryKey],
            reader => new LoggedActivity(JsonSerializer.Deserialize<Activity>(reader.GetString(1), BotJson.Options)!, reader.GetInt64(0), Appended: false),
            cancellationToken)).FirstOrDefault();
}

using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// The Direct Line log, in the state's SQLite file (parkingbot.db) or the shared PostgreSQL database, so that a turn's
/// replies are logged in the turn's commit (<see cref="AppendStatements"/>). Each conversation keeps at most
/// DirectLine:MaxLogActivities activities and DirectLine:MaxLogBytes bytes; the oldest go first
/// (watermarks stay valid: they are positions, never reused). An activity's id is its place in the log, given when read.
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

    /// <summary>The database the log is kept in, which a turn's commit shares when it is the state's.</summary>
    public SqlDatabase Database => _database;

    /// <summary>
    /// Moves the log an earlier release kept in another SQLite file (directline.db) into this store's database, once.
    /// </summary>
    public void MoveLogFrom(string earlierFile)
    {
        var sqlite = (SqliteDatabase)_database;
        sqlite.MoveRowsFrom(earlierFile, "dl_conversations", "id, started_at, last_seq, last_active_at");
        sqlite.MoveRowsFrom(earlierFile, "dl_activities", "conversation_id, seq, delivery_key, bytes, json");
    }

    public async Task<bool> TryStartAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, """
            INSERT INTO dl_conversations (id, started_at, last_active_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING
            """, [conversationId, _database.Time(now)], cancellationToken) == 1;
    }

    public async Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, string? deliveryKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
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
        var json = Logged(conversationId, activity, now);
        await connection.ExecuteAsync(transaction, "INSERT INTO dl_activities (conversation_id, seq, delivery_key, bytes, json) VALUES ($1, $2, $3, $4, $5)",
            [conversationId, seq, deliveryKey, (long)Encoding.UTF8.GetByteCount(json), json], cancellationToken);
        var trim = Trim(conversationId);
        await connection.ExecuteAsync(transaction, trim.Sql, trim.Values, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        activity.Id = Id(conversationId, seq);
        return new LoggedActivity(activity, seq, Appended: true);
    }

    /// <summary>
    /// The statements that append <paramref name="activities"/> in order, to run in a turn's commit: their places in the log
    /// are taken when the commit is written, so the activities get their ids when the log is read. An activity whose delivery
    /// key the log already holds is not appended again (its place stays unused).
    /// </summary>
    public IReadOnlyList<SqlStatement> AppendStatements(string conversationId, IReadOnlyList<(Activity Activity, string? DeliveryKey)> activities, DateTimeOffset now)
    {
        if (activities.Count == 0)
        {
            return [];
        }
        var statements = new List<SqlStatement>(activities.Count + 2)
        {
            new("""
                INSERT INTO dl_conversations (id, started_at, last_seq, last_active_at) VALUES ($1, $2, $3, $2)
                ON CONFLICT (id) DO UPDATE SET last_seq = dl_conversations.last_seq + $3, last_active_at = $2
                """, [conversationId, _database.Time(now), (long)activities.Count]),
        };
        for (var i = 0; i < activities.Count; i++)
        {
            var json = Logged(conversationId, activities[i].Activity, now);
            // The i-th of n takes the place n - 1 - i before the conversation's new last one.
            statements.Add(new("""
                INSERT INTO dl_activities (conversation_id, seq, delivery_key, bytes, json)
                SELECT $1, last_seq - $2, $3, $4, $5 FROM dl_conversations WHERE id = $1
                ON CONFLICT DO NOTHING
                """, [conversationId, (long)(activities.Count - 1 - i), activities[i].DeliveryKey, (long)Encoding.UTF8.GetByteCount(json), json]));
        }
        statements.Add(Trim(conversationId));
        return statements;
    }

    /// <summary>The watermark of the conversation's last activity (0 when none).</summary>
    public async Task<long> LastWatermarkAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<long>(null, "SELECT last_seq FROM dl_conversations WHERE id = $1", [conversationId], cancellationToken);
    }

    /// <summary>The activity as logged (without its id, which is its place): the server's time, the conversation and channel.</summary>
    private static string Logged(string conversationId, Activity activity, DateTimeOffset now)
    {
        activity.Id = null;
        activity.Timestamp = now;
        activity.Conversation = new ConversationAccount(conversationId);
        activity.ChannelId = Channels.DirectLine;
        return JsonSerializer.Serialize(activity, BotJson.Options);
    }

    /// <summary>Keeps the newest activities within both caps.</summary>
    private SqlStatement Trim(string conversationId) => new("""
        DELETE FROM dl_activities WHERE conversation_id = $1 AND seq < (
            SELECT COALESCE(MIN(seq), 0) FROM (
                SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS total, ROW_NUMBER() OVER (ORDER BY seq DESC) AS n
                FROM dl_activities WHERE conversation_id = $1
            ) AS newest WHERE total <= $2 AND n <= $3)
        """, [conversationId, _options.MaxLogBytes, (long)_options.MaxLogActivities]);

    private static string Id(string conversationId, long seq) => $"{conversationId}|{seq:0000000}";

    public async Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var lastSeq = await connection.ScalarAsync<long>(null, "SELECT last_seq FROM dl_conversations WHERE id = $1", [conversationId], cancellationToken);
        var from = watermark > lastSeq ? 0 : watermark;
        var rows = await connection.QueryAsync(null, "SELECT seq, json FROM dl_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            [conversationId, from, (long)max], reader => (Seq: reader.GetInt64(0), Json: reader.GetString(1)), cancellationToken);
        return new ActivityPage(rows.Select(row =>
        {
            var activity = JsonNode.Parse(row.Json)!.AsObject();
            activity["id"] = Id(conversationId, row.Seq);
            return activity;
        }).ToList(), rows.Count > 0 ? rows[^1].Seq : from);
    }

    public async Task<IReadOnlyList<string>> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var idle = await connection.QueryAsync(null, "SELECT id FROM dl_conversations WHERE last_active_at < $1", [_database.Time(cutoff)],
            reader => reader.GetString(0), cancellationToken);
        var removed = new List<string>();
        foreach (var id in idle.Where(id => !keep.Contains(id)))
        {
            using var gate = await _database.WriteGateAsync(cancellationToken);
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
            reader => Existing(conversationId, reader.GetInt64(0), reader.GetString(1)), cancellationToken)).FirstOrDefault();

    private static LoggedActivity Existing(string conversationId, long seq, string json)
    {
        var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
        activity.Id = Id(conversationId, seq);
        return new LoggedActivity(activity, seq, Appended: false);
    }
}

using System.Data.Common;
using System.Text.Json;
using ParkingBot.Data;
using ParkingBot.Framework.Retention;

namespace ParkingBot.Framework.Analytics;

/// <summary>What a customer wrote that people review, masked: a message the bot did not understand, a rating's comment.</summary>
public sealed record CustomerRemark(DateTimeOffset At, string Kind, string? Flow, string? Step, string Text)
{
    public const string NotUnderstood = "notUnderstood";
    public const string CsatComment = "csatComment";
}

/// <summary>
/// The outcome record, in the state's database so a turn's events commit with its state: the append-only events, the
/// watch the sweep reads (<see cref="ConversationWatch"/>), and the masked remarks designers and supervisors review
/// (forgotten with the conversation's other texts after the retention period). Every turn rewrites its conversation's
/// watch, so that table has no index besides its key (the update stays in place; the sweep reads the few rows it holds,
/// those of conversations with something left to notice); events are keyed by their key and found by time.
/// </summary>
public sealed class ConversationEvents : IExpiringStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqlDatabase _database;

    public ConversationEvents(SqlDatabase database)
    {
        _database = database;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS conversation_events (
                event_key TEXT PRIMARY KEY NOT NULL,
                at {database.TimeType} NOT NULL,
                kind TEXT NOT NULL,
                conversation TEXT NOT NULL,
                channel TEXT NOT NULL,
                flow TEXT,
                ending TEXT,
                reason TEXT,
                detail TEXT,
                version TEXT,
                duration_ms BIGINT,
                turns INTEGER,
                score INTEGER
            );
            CREATE INDEX IF NOT EXISTS conversation_events_by_time ON conversation_events (at);
            CREATE TABLE IF NOT EXISTS conversation_watch (
                conversation TEXT PRIMARY KEY NOT NULL,
                last_turn_at {database.TimeType} NOT NULL,
                idle_due_at {database.TimeType},
                assume_due_at {database.TimeType},
                json TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS customer_remarks (
                seq {database.RowKey},
                at {database.TimeType} NOT NULL,
                kind TEXT NOT NULL,
                flow TEXT,
                step TEXT,
                text TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS customer_remarks_by_time ON customer_remarks (kind, at);
            """);
    }

    public SqlDatabase Database => _database;

    public string Name => "customer remarks";

    /// <summary>Inserts events in one statement; one whose key is there already is skipped.</summary>
    public IEnumerable<SqlStatement> Append(IEnumerable<ConversationEvent> events)
    {
        var list = events.ToList();
        if (list.Count == 0)
        {
            yield break;
        }
        const int columns = 13;
        var rows = string.Join(", ", list.Select((_, i) => "(" + string.Join(", ", Enumerable.Range(i * columns + 1, columns).Select(n => $"${n}")) + ")"));
        yield return new SqlStatement($"""
            INSERT INTO conversation_events (event_key, at, kind, conversation, channel, flow, ending, reason, detail, version, duration_ms, turns, score)
            VALUES {rows} ON CONFLICT (event_key) DO NOTHING
            """, [.. list.SelectMany(e => new object?[] { e.Key, _database.Time(e.At), e.Kind, e.Conversation, e.Channel, e.Flow, e.Ending, e.Reason, e.Detail,
                e.Version, e.DurationMs, e.Turns, e.Score })]);
    }

    /// <summary>Writes the watch as the turn leaves it (removed once nothing about the conversation is left to notice).</summary>
    /// <summary>
    /// Writes a watch, unless the row holds a newer one (watches are written after their turns, by any instance, so an
    /// older one may come late); removed once nothing about the conversation is left to notice.
    /// </summary>
    public SqlStatement Watch(ConversationWatch watch, OutcomeOptions options) =>
        watch.IdleDueAt(options) is null && watch.AssumeDueAt(options) is null
            ? new SqlStatement("DELETE FROM conversation_watch WHERE conversation = $1 AND last_turn_at <= $2", [watch.Conversation, _database.Time(watch.LastTurnAt)])
            : new SqlStatement("""
                INSERT INTO conversation_watch (conversation, last_turn_at, idle_due_at, assume_due_at, json) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (conversation) DO UPDATE SET last_turn_at = excluded.last_turn_at, idle_due_at = excluded.idle_due_at,
                    assume_due_at = excluded.assume_due_at, json = excluded.json
                WHERE conversation_watch.last_turn_at <= excluded.last_turn_at
                """, [watch.Conversation, _database.Time(watch.LastTurnAt), TimeOrNull(watch.IdleDueAt(options)), TimeOrNull(watch.AssumeDueAt(options)),
                JsonSerializer.Serialize(watch, Json)]);

    public SqlStatement Remark(CustomerRemark remark) => new(
        "INSERT INTO customer_remarks (at, kind, flow, step, text) VALUES ($1, $2, $3, $4, $5)",
        [_database.Time(remark.At), remark.Kind, remark.Flow, remark.Step, remark.Text]);

    /// <summary>Writes rows outside a turn (an agent's action, the sweep, the watch writer), in one transaction.</summary>
    public Task WriteAsync(IEnumerable<SqlStatement> statements, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(statements, cancellationToken);

    /// <summary>
    /// Applies <see cref="ConversationWatch.Lapse"/> to every watched conversation that is due by <paramref name="now"/>, each
    /// in one transaction with its events. A conversation whose customer wrote meanwhile is left to their turn.
    /// </summary>
    /// <returns>How many events were recorded.</returns>
    public async Task<int> SweepAsync(DateTimeOffset now, OutcomeOptions options, CancellationToken cancellationToken = default)
    {
        List<(ConversationWatch Watch, object LastTurnAt)> due;
        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            due = await connection.QueryAsync(null,
                "SELECT json, last_turn_at FROM conversation_watch WHERE idle_due_at <= $1 OR assume_due_at <= $1 ORDER BY last_turn_at LIMIT 500",
                [_database.Time(now)], reader => (JsonSerializer.Deserialize<ConversationWatch>(reader.GetString(0), Json)!, reader.GetValue(1)), cancellationToken);
        }
        var recorded = 0;
        foreach (var (watch, lastTurnAt) in due)
        {
            var events = watch.Lapse(now, options);
            var keep = watch.IdleDueAt(options) is not null || watch.AssumeDueAt(options) is not null;
            using var gate = await _database.WriteGateAsync(cancellationToken);
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
            var changed = keep
                ? await connection.ExecuteAsync(transaction, """
                    UPDATE conversation_watch SET idle_due_at = $3, assume_due_at = $4, json = $5 WHERE conversation = $1 AND last_turn_at = $2
                    """, [watch.Conversation, lastTurnAt, TimeOrNull(watch.IdleDueAt(options)), TimeOrNull(watch.AssumeDueAt(options)),
                    JsonSerializer.Serialize(watch, Json)], cancellationToken)
                : await connection.ExecuteAsync(transaction, "DELETE FROM conversation_watch WHERE conversation = $1 AND last_turn_at = $2",
                    [watch.Conversation, lastTurnAt], cancellationToken);
            if (changed == 0)
            {
                continue;
            }
            foreach (var statement in Append(events))
            {
                recorded += await connection.ExecuteAsync(transaction, statement.Sql, statement.Values, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            foreach (var ended in events.Where(e => e.Kind == ConversationEventKinds.FlowEnded))
            {
                Telemetry.BotTelemetry.FlowEndings.Add(1, new KeyValuePair<string, object?>("flow", ended.Flow), new KeyValuePair<string, object?>("ending", ended.Ending));
            }
        }
        return recorded;
    }

    /// <summary>The events from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public async Task<IReadOnlyList<ConversationEvent>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(null, """
            SELECT event_key, at, kind, conversation, channel, flow, ending, reason, detail, version, duration_ms, turns, score
            FROM conversation_events WHERE at >= $1 AND at < $2 ORDER BY at, event_key
            """, [_database.Time(from), _database.Time(to)], ReadEvent, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerRemark>> ReadRemarksAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(null, "SELECT at, kind, flow, step, text FROM customer_remarks WHERE kind = $1 AND at >= $2 AND at < $3 ORDER BY seq",
            [kind, _database.Time(from), _database.Time(to)],
            reader => new CustomerRemark(reader.ReadTime(0), reader.GetString(1), reader.ReadNullableString(2), reader.ReadNullableString(3), reader.GetString(4)),
            cancellationToken);
    }

    /// <summary>Remarks are customers' words (masked): they go after the retention period like the rest of what was said.</summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "DELETE FROM customer_remarks WHERE at < $1", [_database.Time(cutoff)], cancellationToken);
    }

    private object? TimeOrNull(DateTimeOffset? time) => time is { } t ? _database.Time(t) : null;

    private static ConversationEvent ReadEvent(DbDataReader r) => new(r.GetString(0), r.ReadTime(1), r.GetString(2), r.GetString(3), r.GetString(4))
    {
        Flow = r.ReadNullableString(5),
        Ending = r.ReadNullableString(6),
        Reason = r.ReadNullableString(7),
        Detail = r.ReadNullableString(8),
        Version = r.ReadNullableString(9),
        DurationMs = r.IsDBNull(10) ? null : r.GetInt64(10),
        Turns = r.IsDBNull(11) ? null : r.GetInt32(11),
        Score = r.IsDBNull(12) ? null : r.GetInt32(12),
    };
}

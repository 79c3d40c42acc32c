using System.Text.Json;
using ParkingBot.Data;
using ParkingBot.Framework.Retention;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Handoff.Relay;

/// <summary>
/// The recent messages of every conversation (masked), so a new case starts with what was said. A line with a key
/// (the activity it records) is written once, however often its turn runs.
/// </summary>
public sealed class ConversationTranscripts : IExpiringStore
{
    private readonly SqlDatabase _database;
    private readonly int _keepPerConversation;

    public ConversationTranscripts(SqlDatabase database, int keepPerConversation = 100)
    {
        _database = database;
        _keepPerConversation = keepPerConversation;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS transcripts (
                seq {database.RowKey},
                conversation_key TEXT NOT NULL,
                entry_key TEXT,
                at {database.TimeType},
                json TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS transcripts_by_conversation ON transcripts (conversation_key, seq);
            """);
        if (database is SqliteDatabase sqlite)
        {
            // Files written before lines had keys and times; a line without a time counts as old.
            sqlite.AddColumnIfMissing("transcripts", "entry_key", "TEXT");
            sqlite.AddColumnIfMissing("transcripts", "at", "TEXT");
            sqlite.EnsureSchema("UPDATE transcripts SET at = '' WHERE at IS NULL");
        }
        database.EnsureSchema("CREATE UNIQUE INDEX IF NOT EXISTS transcripts_by_key ON transcripts (conversation_key, entry_key) WHERE entry_key IS NOT NULL");
    }

    public Task AppendAsync(string conversationKey, TranscriptEntry entry, CancellationToken cancellationToken = default) =>
        AppendAsync(conversationKey, [entry], cancellationToken);

    /// <summary>
    /// Moves the lines an earlier release kept in another SQLite file (handoff.db) into this store, then drops them there.
    /// Nothing happens when the file or its table is not there.
    /// </summary>
    public void MoveLinesFrom(string earlierFile) =>
        ((SqliteDatabase)_database).MoveRowsFrom(earlierFile, "transcripts", "conversation_key, entry_key, at, json", "conversation_key, entry_key, COALESCE(at, ''), json");

    /// <summary>Appends lines in one transaction (lines sent outside a turn; a turn stages its lines with <see cref="AppendStatements"/>).</summary>
    public async Task AppendAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        await _database.WriteAsync(AppendStatements(conversationKey, entries), cancellationToken);
    }

    /// <summary>The database the lines are kept in, which a turn's commit shares when it is the state's.</summary>
    public SqlDatabase Database => _database;

    /// <summary>
    /// The statement that appends lines (one insert; a keyed line already there is skipped), to run in the turn's commit.
    /// Older lines are trimmed by the retention sweep, not here: a trim reads a conversation's newest lines and rewrites its
    /// oldest pages, the costliest statement of a turn on PostgreSQL (0.27 ms of server time, more than the state's update).
    /// </summary>
    public IReadOnlyList<SqlStatement> AppendStatements(string conversationKey, IReadOnlyList<TranscriptEntry> entries)
    {
        if (entries.Count == 0)
        {
            return [];
        }
        var rows = string.Join(", ", entries.Select((_, i) => $"($1, ${3 * i + 2}, ${3 * i + 3}, ${3 * i + 4})"));
        var values = new List<object?> { conversationKey };
        foreach (var entry in entries)
        {
            values.AddRange([entry.Key, _database.Time(entry.At), JsonSerializer.Serialize(entry, CaseJson.Options)]);
        }
        return [new SqlStatement($"INSERT INTO transcripts (conversation_key, entry_key, at, json) VALUES {rows} ON CONFLICT DO NOTHING", [.. values])];
    }

    public string Name => "transcript lines";

    /// <summary>
    /// Removes the transcripts of conversations whose last line is older than <paramref name="cutoff"/>, except
    /// <paramref name="keep"/>, and trims every other conversation to its newest lines (reading returns only those), one
    /// short write per conversation. Returns the number of lines removed.
    /// </summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var idle = await connection.QueryAsync(null, "SELECT conversation_key FROM transcripts GROUP BY conversation_key HAVING MAX(at) < $1",
            [_database.Time(cutoff)], reader => reader.GetString(0), cancellationToken);
        var removed = 0;
        foreach (var conversationKey in idle.Where(key => !keep.Contains(key)))
        {
            removed += await connection.ExecuteAsync(null, "DELETE FROM transcripts WHERE conversation_key = $1", [conversationKey], cancellationToken);
        }
        var overlong = await connection.QueryAsync(null, "SELECT conversation_key FROM transcripts GROUP BY conversation_key HAVING COUNT(*) > $1",
            [_keepPerConversation], reader => reader.GetString(0), cancellationToken);
        foreach (var conversationKey in overlong)
        {
            using var gate = await _database.WriteGateAsync(cancellationToken);
            removed += await connection.ExecuteAsync(null, """
                DELETE FROM transcripts WHERE conversation_key = $1 AND seq <=
                    (SELECT seq FROM transcripts WHERE conversation_key = $1 ORDER BY seq DESC LIMIT 1 OFFSET $2)
                """, [conversationKey, _keepPerConversation], cancellationToken);
        }
        return removed;
    }

    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var newestFirst = await connection.QueryAsync(null, "SELECT json FROM transcripts WHERE conversation_key = $1 ORDER BY seq DESC LIMIT $2",
            [conversationKey, _keepPerConversation], reader => JsonSerializer.Deserialize<TranscriptEntry>(reader.GetString(0), CaseJson.Options)!, cancellationToken);
        newestFirst.Reverse();
        return newestFirst;
    }
}

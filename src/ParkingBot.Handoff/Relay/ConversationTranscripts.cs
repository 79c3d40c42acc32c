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
    private const int TrimEvery = 8;
    private readonly SqlDatabase _database;
    private readonly int _keepPerConversation;

    public ConversationTranscripts(SqlDatabase database, int keepPerConversation = 100)
    {
        _database = database;
        _keepPerConversation = keepPerConversation;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS transcripts (
                seq {database.SequenceKey},
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
    /// Appends lines in one statement. Older lines beyond the kept number are trimmed now and then (reading returns only the
    /// newest), so a line costs one round trip.
    /// </summary>
    public async Task AppendAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var rows = string.Join(", ", entries.Select((_, i) => $"($1, ${3 * i + 2}, ${3 * i + 3}, ${3 * i + 4})"));
        var values = new List<object?> { conversationKey };
        foreach (var entry in entries)
        {
            values.AddRange([entry.Key, _database.Time(entry.At), JsonSerializer.Serialize(entry, CaseJson.Options)]);
        }
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var appended = await connection.QueryAsync(null,
            $"INSERT INTO transcripts (conversation_key, entry_key, at, json) VALUES {rows} ON CONFLICT DO NOTHING RETURNING seq",
            [.. values], reader => reader.GetInt64(0), cancellationToken);
        if (appended.Any(seq => seq % TrimEvery == 0))
        {
            await connection.ExecuteAsync(null, """
                DELETE FROM transcripts WHERE conversation_key = $1 AND seq NOT IN
                    (SELECT seq FROM transcripts WHERE conversation_key = $1 ORDER BY seq DESC LIMIT $2)
                """, [conversationKey, _keepPerConversation], cancellationToken);
        }
    }

    public string Name => "transcript lines";

    /// <summary>Removes the transcripts of conversations whose last line is older than <paramref name="cutoff"/>, except <paramref name="keep"/>.</summary>
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

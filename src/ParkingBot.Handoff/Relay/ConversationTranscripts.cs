using System.Text.Json;
using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Handoff.Relay;

/// <summary>
/// The recent messages of every conversation (masked), so a new case starts with what was said. A line with a key
/// (the activity it records) is written once, however often its turn runs.
/// </summary>
public sealed class ConversationTranscripts : IExpiringStore
{
    private readonly int _keepPerConversation;
    private readonly string _connectionString;

    public ConversationTranscripts(string databasePath, int keepPerConversation = 100)
    {
        _keepPerConversation = keepPerConversation;
        _connectionString = SqliteFiles.Prepare(databasePath, """
            CREATE TABLE IF NOT EXISTS transcripts (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_key TEXT NOT NULL,
                json TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS transcripts_by_conversation ON transcripts (conversation_key, seq);
            """);
        SqliteFiles.AddColumnIfMissing(_connectionString, "transcripts", "entry_key", "TEXT");
        SqliteFiles.AddColumnIfMissing(_connectionString, "transcripts", "at", "TEXT");
        using var connection = SqliteFiles.Open(_connectionString);
        SqliteFiles.Execute(connection, "CREATE UNIQUE INDEX IF NOT EXISTS transcripts_by_key ON transcripts (conversation_key, entry_key) WHERE entry_key IS NOT NULL");
    }

    public async Task AppendAsync(string conversationKey, TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO transcripts (conversation_key, entry_key, at, json) VALUES ($key, $entryKey, $at, $json) ON CONFLICT DO NOTHING;
            DELETE FROM transcripts WHERE conversation_key = $key AND seq NOT IN
                (SELECT seq FROM transcripts WHERE conversation_key = $key ORDER BY seq DESC LIMIT $keep);
            """;
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(entry, CaseJson.Options));
        command.Parameters.AddWithValue("$entryKey", (object?)entry.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", entry.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$keep", _keepPerConversation);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string Name => "transcript lines";

    /// <summary>Removes the transcripts of conversations whose last line is older than <paramref name="cutoff"/>, except <paramref name="keep"/>.</summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        var idle = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT conversation_key FROM transcripts GROUP BY conversation_key HAVING MAX(COALESCE(at, '')) < $cutoff";
            select.Parameters.AddWithValue("$cutoff", cutoff.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                idle.Add(reader.GetString(0));
            }
        }
        var removed = 0;
        foreach (var conversationKey in idle.Where(key => !keep.Contains(key)))
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM transcripts WHERE conversation_key = $key";
            delete.Parameters.AddWithValue("$key", conversationKey);
            removed += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        return removed;
    }

    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM transcripts WHERE conversation_key = $key ORDER BY seq";
        command.Parameters.AddWithValue("$key", conversationKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<TranscriptEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<TranscriptEntry>(reader.GetString(0), CaseJson.Options)!);
        }
        return entries;
    }
}

using ParkingBot.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Store;

/// <summary>Handoff cases in {Storage:DataDirectory}/handoff.db, one JSON document per case with its eTag.</summary>
public sealed class SqliteHandoffCaseStore(string databasePath) : IHandoffCaseStore
{
    private readonly string _connectionString = SqliteFiles.Prepare(databasePath, """
        CREATE TABLE IF NOT EXISTS cases (
            id TEXT PRIMARY KEY NOT NULL,
            channel_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            status TEXT NOT NULL,
            agent_id TEXT,
            created_at TEXT NOT NULL,
            etag TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cases_by_conversation ON cases (channel_id, conversation_id, status);
        CREATE TABLE IF NOT EXISTS case_keys (key TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL);
        """);

    public async Task<CreatedCase> CreateAsync(HandoffCase handoffCase, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        // BEGIN IMMEDIATE: the checks and the insert are one step for every process sharing the file.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var existing = idempotencyKey is null ? null : await ReadOneAsync(connection, transaction,
            "SELECT c.json, c.etag FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE k.key = $a", [idempotencyKey], cancellationToken);
        existing ??= await ReadOneAsync(connection, transaction, OpenCaseSql,
            [handoffCase.Conversation.ChannelId ?? "", handoffCase.Conversation.Conversation?.Id ?? ""], cancellationToken);
        if (existing is not null)
        {
            return new CreatedCase(existing, Created: false);
        }
        var etag = NewETag();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO cases (id, channel_id, conversation_id, status, agent_id, created_at, etag, json)
                VALUES ($id, $channel, $conversation, $status, $agent, $created, $etag, $json)
                """;
            Bind(command, handoffCase, etag);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (idempotencyKey is not null)
        {
            await using var key = connection.CreateCommand();
            key.Transaction = transaction;
            key.CommandText = "INSERT INTO case_keys (key, case_id) VALUES ($key, $id)";
            key.Parameters.AddWithValue("$key", idempotencyKey);
            key.Parameters.AddWithValue("$id", handoffCase.Id);
            await key.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CreatedCase(new StoredCase(handoffCase, etag), Created: true);
    }

    private const string OpenCaseSql = """
        SELECT json, etag FROM cases WHERE channel_id = $a AND conversation_id = $b AND status IN ('Queued', 'Assigned')
        ORDER BY created_at DESC LIMIT 1
        """;

    public async Task<StoredCase?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        return await ReadOneAsync(connection, null, "SELECT json, etag FROM cases WHERE id = $a", [caseId], cancellationToken);
    }

    public async Task<StoredCase?> FindOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        return await ReadOneAsync(connection, null, OpenCaseSql, [channelId, conversationId], cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ListOpenConversationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT channel_id, conversation_id FROM cases WHERE status IN ('Queued', 'Assigned')";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(Framework.Retention.ConversationKeys.Of(reader.GetString(0), reader.GetString(1)));
        }
        return open;
    }

    public async Task<IReadOnlyList<HandoffCase>> ListForAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM cases WHERE status = 'Queued' OR agent_id = $a ORDER BY created_at";
        command.Parameters.AddWithValue("$a", agentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<HandoffCase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(JsonSerializer.Deserialize<HandoffCase>(reader.GetString(0), CaseJson.Options)!);
        }
        return cases;
    }

    public async Task<string> SaveAsync(HandoffCase handoffCase, string etag, CancellationToken cancellationToken = default)
    {
        var newETag = NewETag();
        await using var connection = SqliteFiles.Open(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE cases SET status = $status, agent_id = $agent, etag = $etag, json = $json
            WHERE id = $id AND etag = $expected
            """;
        Bind(command, handoffCase, newETag);
        command.Parameters.AddWithValue("$expected", etag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? newETag : throw new HandoffConflictException(handoffCase.Id);
    }

    private static async Task<StoredCase?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, string[] values, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredCase(JsonSerializer.Deserialize<HandoffCase>(reader.GetString(0), CaseJson.Options)!, reader.GetString(1))
            : null;
    }

    private static void Bind(SqliteCommand command, HandoffCase handoffCase, string etag)
    {
        command.Parameters.AddWithValue("$id", handoffCase.Id);
        command.Parameters.AddWithValue("$channel", handoffCase.Conversation.ChannelId ?? "");
        command.Parameters.AddWithValue("$conversation", handoffCase.Conversation.Conversation?.Id ?? "");
        command.Parameters.AddWithValue("$status", handoffCase.Status.ToString());
        command.Parameters.AddWithValue("$agent", (object?)handoffCase.AgentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", handoffCase.CreatedAt.UtcDateTime.ToString("O"));
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(handoffCase, CaseJson.Options));
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}

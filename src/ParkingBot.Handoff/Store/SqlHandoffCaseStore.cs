using System.Data.Common;
using System.Text.Json;
using ParkingBot.Data;
using ParkingBot.Framework.Retention;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Store;

/// <summary>
/// Handoff cases in handoff.db or the shared PostgreSQL database: one JSON document per case with its eTag. The database
/// itself holds the rules: at most one queued or assigned case per conversation (a partial unique index) and at most one
/// case per idempotency key (the key table's primary key); a create that loses a race returns the case that won.
/// </summary>
public sealed class SqlHandoffCaseStore : IHandoffCaseStore
{
    private const string OpenCaseSql = """
        SELECT json, etag FROM cases WHERE channel_id = $1 AND conversation_id = $2 AND status IN ('Queued', 'Assigned')
        ORDER BY created_at DESC LIMIT 1
        """;

    private readonly SqlDatabase _database;

    public SqlHandoffCaseStore(SqlDatabase database)
    {
        _database = database;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS cases (
                id TEXT PRIMARY KEY NOT NULL,
                channel_id TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                status TEXT NOT NULL,
                agent_id TEXT,
                created_at {database.TimeType} NOT NULL,
                etag TEXT NOT NULL,
                json TEXT NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS cases_one_open_per_conversation ON cases (channel_id, conversation_id)
                WHERE status IN ('Queued', 'Assigned');
            CREATE TABLE IF NOT EXISTS case_keys (key TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL);
            """);
    }

    public async Task<CreatedCase> CreateAsync(HandoffCase handoffCase, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var channel = handoffCase.Conversation.ChannelId ?? "";
        var conversation = handoffCase.Conversation.Conversation?.Id ?? "";
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        if (await ExistingAsync(connection, transaction, idempotencyKey, channel, conversation, cancellationToken) is { } existing)
        {
            return new CreatedCase(existing, Created: false);
        }
        var etag = NewETag();
        var inserted = await connection.ExecuteAsync(transaction, """
            INSERT INTO cases (id, channel_id, conversation_id, status, agent_id, created_at, etag, json)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (channel_id, conversation_id) WHERE status IN ('Queued', 'Assigned') DO NOTHING
            """, [handoffCase.Id, channel, conversation, handoffCase.Status.ToString(), handoffCase.AgentId, _database.Time(handoffCase.CreatedAt), etag,
            JsonSerializer.Serialize(handoffCase, CaseJson.Options)], cancellationToken) == 1;
        if (inserted && idempotencyKey is not null)
        {
            inserted = await connection.ExecuteAsync(transaction, "INSERT INTO case_keys (key, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [idempotencyKey, handoffCase.Id], cancellationToken) == 1;
        }
        if (!inserted)
        {
            // Another instance opened the conversation's case (or used the key) since we looked: that case is the one.
            await transaction.RollbackAsync(cancellationToken);
            return new CreatedCase((await ExistingAsync(connection, null, idempotencyKey, channel, conversation, cancellationToken))!, Created: false);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CreatedCase(new StoredCase(handoffCase, etag), Created: true);
    }

    public async Task<StoredCase?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadOneAsync(connection, null, "SELECT json, etag FROM cases WHERE id = $1", [caseId], cancellationToken);
    }

    public async Task<StoredCase?> FindOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadOneAsync(connection, null, OpenCaseSql, [channelId, conversationId], cancellationToken);
    }

    public async Task<IReadOnlyList<HandoffCase>> ListRecentAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(null, "SELECT json FROM cases WHERE status IN ('Queued', 'Assigned', 'FollowUp') OR created_at >= $1 ORDER BY created_at",
            [_database.Time(since)], reader => JsonSerializer.Deserialize<HandoffCase>(reader.GetString(0), CaseJson.Options)!, cancellationToken);
    }

    public async Task<int> CountQueuedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<int>(null, "SELECT COUNT(*) FROM cases WHERE status = 'Queued'", [], cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ListOpenConversationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var open = await connection.QueryAsync(null, "SELECT DISTINCT channel_id, conversation_id FROM cases WHERE status IN ('Queued', 'Assigned')", [],
            reader => ConversationKeys.Of(reader.GetString(0), reader.GetString(1)), cancellationToken);
        return open.ToHashSet(StringComparer.Ordinal);
    }

    public Task<string> SaveAsync(HandoffCase handoffCase, string etag, CancellationToken cancellationToken = default) =>
        SaveAsync(handoffCase, etag, [], cancellationToken);

    public async Task<string> SaveAsync(HandoffCase handoffCase, string etag, IReadOnlyList<SqlStatement> alongside, CancellationToken cancellationToken = default)
    {
        var newETag = NewETag();
        using var gate = await _database.WriteGateAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var saved = await connection.ExecuteAsync(transaction, "UPDATE cases SET status = $2, agent_id = $3, etag = $4, json = $5 WHERE id = $1 AND etag = $6",
            [handoffCase.Id, handoffCase.Status.ToString(), handoffCase.AgentId, newETag, JsonSerializer.Serialize(handoffCase, CaseJson.Options), etag], cancellationToken);
        if (saved != 1)
        {
            throw new HandoffConflictException(handoffCase.Id);
        }
        foreach (var statement in alongside)
        {
            await connection.ExecuteAsync(transaction, statement.Sql, statement.Values, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return newETag;
    }

    private static async Task<StoredCase?> ExistingAsync(DbConnection connection, DbTransaction? transaction, string? idempotencyKey, string channel,
        string conversation, CancellationToken cancellationToken) =>
        (idempotencyKey is null ? null : await ReadOneAsync(connection, transaction,
            "SELECT c.json, c.etag FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE k.key = $1", [idempotencyKey], cancellationToken))
        ?? await ReadOneAsync(connection, transaction, OpenCaseSql, [channel, conversation], cancellationToken);

    private static async Task<StoredCase?> ReadOneAsync(DbConnection connection, DbTransaction? transaction, string sql, object?[] values,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync(transaction, sql, values,
            reader => new StoredCase(JsonSerializer.Deserialize<HandoffCase>(reader.GetString(0), CaseJson.Options)!, reader.GetString(1)),
            cancellationToken)).FirstOrDefault();

    private static string NewETag() => Guid.NewGuid().ToString("N");
}

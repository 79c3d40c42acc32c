using ParkingBot.Data;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using ParkingBot.Framework.Retention;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// Conversation and user state in PostgreSQL, for several instances on one database: the same eTag contract as
/// <see cref="SqliteStorage"/>, checked inside each UPDATE, all of a turn's items in one transaction. The table is created
/// at start under an advisory lock, so instances starting together do not race; the role needs no superuser rights.
/// Every turn updates its conversation's row, so nothing indexes the columns an update changes and pages keep room:
/// PostgreSQL then updates the row in place (a HOT update, no index entry); the hourly retention sweep reads the whole table.
/// </summary>
public sealed class PostgresStorage : ISqlStateStorage, IExpiringStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;

    public PostgresStorage(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
    {
        _dataSource = dataSource;
        _timeProvider = timeProvider ?? TimeProvider.System;
        PostgresSchema.Ensure(dataSource, """
            CREATE TABLE IF NOT EXISTS items (
                key TEXT PRIMARY KEY,
                document TEXT NOT NULL,
                etag TEXT NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            ) WITH (fillfactor = 80);
            DROP INDEX IF EXISTS items_by_age;
            DO $$
            BEGIN
                -- A table of an earlier release; altered once, since ALTER TABLE locks out every turn for a moment.
                IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = 'items'::regclass AND reloptions @> ARRAY['fillfactor=80']) THEN
                    ALTER TABLE items SET (fillfactor = 80);
                END IF;
            END $$;
            """);
    }

    public string Name => "conversation and user states";

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        await using var command = _dataSource.CreateCommand("SELECT key, document, etag FROM items WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = StoreItem.FromJson(reader.GetString(1), reader.GetString(2));
        }
        return found;
    }

    public bool Shares(SqlDatabase database) => database is PostgresDatabase shared && ReferenceEquals(shared.DataSource, _dataSource);

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, [], cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken = default)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        if (changes.Count + alongside.Count == 0)
        {
            return written;
        }
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One change alone is atomic on its own; only several writes need a transaction (and its COMMIT round trip).
        await using var transaction = changes.Count + alongside.Count > 1 ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var now = _timeProvider.GetUtcNow().ToUniversalTime();
        // The state writes and the rows alongside go in one batch: one round trip, then the COMMIT.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var stateWrites = new List<(string Key, NpgsqlBatchCommand Command)>();
        foreach (var (key, change) in changes)
        {
            var etag = Guid.NewGuid().ToString("N");
            var command = new NpgsqlBatchCommand(change.ETag switch
            {
                StoreItem.AnyETag => """
                    INSERT INTO items (key, document, etag, updated_at) VALUES ($1, $2, $3, $5)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at
                    """,
                null => "INSERT INTO items (key, document, etag, updated_at) VALUES ($1, $2, $3, $5) ON CONFLICT (key) DO NOTHING",
                _ => "UPDATE items SET document = $2, etag = $3, updated_at = $5 WHERE key = $1 AND etag = $4",
            });
            foreach (var value in new object[] { key, change.Json, etag, change.ETag ?? "", now })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            batch.BatchCommands.Add(command);
            stateWrites.Add((key, command));
            written[key] = etag;
        }
        foreach (var statement in alongside)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            foreach (var value in statement.Values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        // A write whose eTag did not match changed no row; the transaction is then rolled back as it is disposed.
        if (stateWrites.FirstOrDefault(w => w.Command.RecordsAffected != 1) is { Key: { } conflicted })
        {
            throw new StorageConflictException(conflicted);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return written;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM items WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes states not written since <paramref name="cutoff"/>, except kept conversations' ("{channel}/conversations/{id}").</summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        var kept = ConversationKeys.StateKeysOf(keep).ToArray();
        await using var command = _dataSource.CreateCommand("DELETE FROM items WHERE updated_at < $1 AND NOT (key = ANY($2))");
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = kept, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

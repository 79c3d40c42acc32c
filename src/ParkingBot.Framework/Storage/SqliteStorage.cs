using ParkingBot.Data;
using System.Text.Json.Nodes;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ParkingBot.Framework.Retention;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// The embedded default store: one SQLite file. Several processes may share the file; eTags
/// (checked inside the UPDATE) keep their writes from overwriting each other. Each item remembers when it was last
/// written, so the state of conversations idle past the retention period is removed.
/// </summary>
public sealed class SqliteStorage : ISqlStateStorage, IExpiringStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;

    public SqliteStorage(string databasePath, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connectionString = SqliteFiles.Prepare(databasePath, """
            CREATE TABLE IF NOT EXISTS items (
                key TEXT PRIMARY KEY NOT NULL,
                document TEXT NOT NULL,
                etag TEXT NOT NULL
            );
            """);
        SqliteFiles.AddColumnIfMissing(_connectionString, "items", "updated_at", "TEXT");
        // Items written before the column existed count from now.
        using var connection = Open();
        using var stamp = connection.CreateCommand();
        stamp.CommandText = "UPDATE items SET updated_at = $now WHERE updated_at IS NULL";
        stamp.Parameters.AddWithValue("$now", Now());
        stamp.ExecuteNonQuery();
    }

    public string Name => "conversation and user states";

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, etag FROM items WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found[key] = StoreItem.FromJson(reader.GetString(0), reader.GetString(1));
            }
        }
        return found;
    }

    public bool Shares(SqlDatabase database) => database is SqliteDatabase file && file.Opens(_connectionString);

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, [], cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken = default)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var gate = SqliteFiles.WriteGate(_connectionString);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await WriteGatedAsync(changes, alongside, written, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> WriteGatedAsync(IReadOnlyDictionary<string, StoreItem> changes, IReadOnlyList<SqlStatement> alongside,
        Dictionary<string, string> written, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        // BEGIN IMMEDIATE takes the write lock up front, so the eTag checks and writes are atomic.
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (key, change) in changes)
        {
            var etag = Guid.NewGuid().ToString("N");
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = change.ETag switch
            {
                StoreItem.AnyETag => """
                    INSERT INTO items (key, document, etag, updated_at) VALUES ($key, $document, $etag, $now)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at
                    """,
                null => "INSERT INTO items (key, document, etag, updated_at) VALUES ($key, $document, $etag, $now) ON CONFLICT (key) DO NOTHING",
                _ => "UPDATE items SET document = $document, etag = $etag, updated_at = $now WHERE key = $key AND etag = $expected",
            };
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$document", change.Json);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$expected", change.ETag ?? "");
            command.Parameters.AddWithValue("$now", Now());
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new StorageConflictException(key);
            }
            written[key] = etag;
        }
        foreach (var statement in alongside)
        {
            await connection.ExecuteAsync(transaction, statement.Sql, statement.Values, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM items WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Removes states not written since <paramref name="cutoff"/>; a kept conversation's state ("{channel}/conversations/{id}")
    /// stays, so the bot can take the conversation back when an agent resolves its case.
    /// </summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var idle = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT key FROM items WHERE updated_at < $cutoff";
            select.Parameters.AddWithValue("$cutoff", Time(cutoff));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                idle.Add(reader.GetString(0));
            }
        }
        var kept = ConversationKeys.StateKeysOf(keep);
        var removed = idle.Where(key => !kept.Contains(key)).ToList();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM items WHERE key = $key AND updated_at < $cutoff";
        var keyParameter = delete.Parameters.Add("$key", SqliteType.Text);
        delete.Parameters.AddWithValue("$cutoff", Time(cutoff));
        var count = 0;
        foreach (var key in removed)
        {
            keyParameter.Value = key;
            count += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        return count;
    }

    private string Now() => Time(_timeProvider.GetUtcNow());

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open() => SqliteFiles.Open(_connectionString);
}

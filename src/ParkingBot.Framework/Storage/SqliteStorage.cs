using System.Globalization;
using Microsoft.Data.Sqlite;
using ParkingBot.Data;
using ParkingBot.Framework.Retention;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// The embedded default store: one SQLite file. Several processes may share the file; eTags (checked inside the UPDATE)
/// keep their writes from overwriting each other. In this process every write goes through one kept connection under
/// the file's gate (see <see cref="KeptSqliteConnection"/>); reads take a pooled connection and never wait for a writer. Each item remembers when it was last written, so the
/// state of conversations idle past the retention period is removed.
/// </summary>
public sealed class SqliteStorage : ISqlStateStorage, IExpiringStore, IDisposable
{
    private readonly string _connectionString;
    private readonly KeptSqliteConnection _kept;
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
        using (var connection = SqliteFiles.Open(_connectionString))
        using (var stamp = connection.CreateCommand())
        {
            stamp.CommandText = "UPDATE items SET updated_at = $now WHERE updated_at IS NULL";
            stamp.Parameters.AddWithValue("$now", Now());
            stamp.ExecuteNonQuery();
        }
        _kept = new KeptSqliteConnection(_connectionString);
    }

    public string Name => "conversation and user states";

    public bool Shares(SqlDatabase database) => database is SqliteDatabase file && file.Opens(_connectionString);

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        // Reads do not wait for writers: WAL lets them read the last commit on a connection of their own.
        var found = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        await using var connection = SqliteFiles.Open(_connectionString);
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

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, [], cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken = default)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = Now();
        using var lease = await _kept.TakeAsync(cancellationToken);
        // BEGIN IMMEDIATE takes the write lock up front, so the eTag checks and writes are atomic.
        using var transaction = lease.BeginWrite();
        foreach (var (key, change) in changes)
        {
            var etag = Guid.NewGuid().ToString("N");
            var sql = change.ETag switch
            {
                StoreItem.AnyETag => """
                    INSERT INTO items (key, document, etag, updated_at) VALUES ($1, $2, $3, $5)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at
                    """,
                null => "INSERT INTO items (key, document, etag, updated_at) VALUES ($1, $2, $3, $5) ON CONFLICT (key) DO NOTHING",
                _ => "UPDATE items SET document = $2, etag = $3, updated_at = $5 WHERE key = $1 AND etag = $4",
            };
            // Every statement binds all five values, so that the prepared statement of each shape is reused as it is.
            if (lease.Command(transaction, sql, key, change.Json, etag, change.ETag ?? "", now).ExecuteNonQuery() != 1)
            {
                throw new StorageConflictException(key);
            }
            written[key] = etag;
        }
        foreach (var statement in alongside)
        {
            lease.Command(transaction, statement.Sql, statement.Values).ExecuteNonQuery();
        }
        transaction.Commit();
        return written;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        using var lease = await _kept.TakeAsync(cancellationToken);
        foreach (var key in keys)
        {
            lease.Command(null, "DELETE FROM items WHERE key = $1", key).ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Removes states not written since <paramref name="cutoff"/>; a kept conversation's state ("{channel}/conversations/{id}")
    /// stays, so the bot can take the conversation back when an agent resolves its case.
    /// </summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        using var lease = await _kept.TakeAsync(cancellationToken);
        var idle = new List<string>();
        using (var reader = lease.Command(null, "SELECT key FROM items WHERE updated_at < $1", Time(cutoff)).ExecuteReader())
        {
            while (reader.Read())
            {
                idle.Add(reader.GetString(0));
            }
        }
        var kept = ConversationKeys.StateKeysOf(keep);
        var count = 0;
        foreach (var key in idle.Where(key => !kept.Contains(key)))
        {
            count += lease.Command(null, "DELETE FROM items WHERE key = $1 AND updated_at < $2", key, Time(cutoff)).ExecuteNonQuery();
        }
        return count;
    }

    public void Dispose() => _kept.Dispose();

    private string Now() => Time(_timeProvider.GetUtcNow());

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

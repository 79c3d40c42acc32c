using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// The embedded default store: one SQLite file. Several processes may share the file; eTags
/// (checked inside the UPDATE) keep their writes from overwriting each other.
/// </summary>
public sealed class SqliteStorage : IStorage
{
    private readonly string _connectionString;

    public SqliteStorage(string databasePath) => _connectionString = SqliteFiles.Prepare(databasePath, """
        CREATE TABLE IF NOT EXISTS items (
            key TEXT PRIMARY KEY NOT NULL,
            document TEXT NOT NULL,
            etag TEXT NOT NULL
        );
        """);

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
                found[key] = new StoreItem(JsonNode.Parse(reader.GetString(0))!.AsObject(), reader.GetString(1));
            }
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
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
                    INSERT INTO items (key, document, etag) VALUES ($key, $document, $etag)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag
                    """,
                null => "INSERT INTO items (key, document, etag) VALUES ($key, $document, $etag) ON CONFLICT (key) DO NOTHING",
                _ => "UPDATE items SET document = $document, etag = $etag WHERE key = $key AND etag = $expected",
            };
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$document", change.Document.ToJsonString());
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$expected", change.ETag ?? "");
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new StorageConflictException(key);
            }
            written[key] = etag;
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

    private SqliteConnection Open() => SqliteFiles.Open(_connectionString);
}

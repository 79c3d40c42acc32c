using System.Security.Cryptography;
using System.Text.Json;
using ParkingBot.Data;

namespace ParkingBot.Framework.DirectLine;

/// <summary>An uploaded file as the store keeps it.</summary>
public sealed record StoredFile(string Id, string ConversationId, string Name, string ContentType, long Length);

/// <summary>A file of an upload request, read and checked but not yet stored.</summary>
public sealed record IncomingFile(string Name, string ContentType, byte[] Content);

/// <summary>
/// Uploaded files in the database beside the Direct Line log (directline.db, or the shared PostgreSQL database, so every
/// instance serves every file). A request's files are stored all or none.
/// </summary>
public sealed class DirectLineFileStore
{
    private const string Columns = "id, conversation_id, name, content_type, length";
    private readonly SqlDatabase _database;
    private readonly TimeProvider _timeProvider;

    public DirectLineFileStore(SqlDatabase database, TimeProvider timeProvider, string? legacyFolder = null)
    {
        _database = database;
        _timeProvider = timeProvider;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS dl_files (
                id TEXT PRIMARY KEY,
                conversation_id TEXT NOT NULL,
                name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                length BIGINT NOT NULL,
                uploaded_at {database.TimeType} NOT NULL,
                content {database.BytesType} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS dl_files_by_conversation ON dl_files (conversation_id);
            """);
        if (legacyFolder is not null && Directory.Exists(legacyFolder))
        {
            ImportFolder(legacyFolder);
        }
    }

    public async Task<IReadOnlyList<StoredFile>> SaveAllAsync(string conversationId, IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var stored = new List<StoredFile>();
        foreach (var file in files)
        {
            var description = new StoredFile(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), conversationId, file.Name,
                file.ContentType, file.Content.Length);
            await InsertAsync(connection, transaction, description, _timeProvider.GetUtcNow(), file.Content, cancellationToken);
            stored.Add(description);
        }
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<StoredFile?> FindAsync(string conversationId, string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync(null, $"SELECT {Columns} FROM dl_files WHERE conversation_id = $1 AND id = $2", [conversationId, fileId],
            reader => new StoredFile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)),
            cancellationToken)).FirstOrDefault();
    }

    public async Task<byte[]> ReadContentAsync(StoredFile file, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync(null, "SELECT content FROM dl_files WHERE id = $1", [file.Id], reader => (byte[])reader.GetValue(0),
            cancellationToken)).Single();
    }

    /// <summary>Removes the uploads of conversations whose last upload is older than <paramref name="cutoff"/>, except <paramref name="keep"/>.</summary>
    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var idle = await connection.QueryAsync(null, "SELECT conversation_id FROM dl_files GROUP BY conversation_id HAVING MAX(uploaded_at) < $1",
            [_database.Time(cutoff)], reader => reader.GetString(0), cancellationToken);
        var removed = 0;
        foreach (var conversationId in idle.Where(id => !keep.Contains(id)))
        {
            removed += await connection.ExecuteAsync(null, "DELETE FROM dl_files WHERE conversation_id = $1", [conversationId], cancellationToken);
        }
        return removed;
    }

    private Task InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, StoredFile file, DateTimeOffset uploadedAt,
        byte[] content, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(transaction, $"""
            INSERT INTO dl_files ({Columns}, uploaded_at, content) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING
            """, [file.Id, file.ConversationId, file.Name, file.ContentType, file.Length, _database.Time(uploadedAt), content], cancellationToken);

    /// <summary>
    /// Moves the uploads an earlier release kept on disk ({folder}/{conversation}/{id} and {id}.json) into the database,
    /// then removes the folder.
    /// </summary>
    private void ImportFolder(string folder)
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        foreach (var description in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var content = Path.ChangeExtension(description, null);
            if (JsonSerializer.Deserialize<StoredFile>(File.ReadAllBytes(description)) is { } file && File.Exists(content))
            {
                using var transaction = _database.BeginWriteAsync(connection).GetAwaiter().GetResult();
                InsertAsync(connection, transaction, file, File.GetLastWriteTimeUtc(content), File.ReadAllBytes(content), default).GetAwaiter().GetResult();
                transaction.Commit();
            }
        }
        Directory.Delete(folder, recursive: true);
    }
}

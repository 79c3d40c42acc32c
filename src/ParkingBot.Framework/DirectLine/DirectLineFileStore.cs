using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.DirectLine;

/// <summary>An uploaded file as the store keeps it.</summary>
public sealed record StoredFile(string Id, string ConversationId, string Name, string ContentType, long Length);

/// <summary>A file of an upload request, read and checked but not yet stored.</summary>
public sealed record IncomingFile(string Name, string ContentType, byte[] Content);

/// <summary>
/// Uploaded files on disk, a folder per conversation: the bytes, then a small JSON description written last, so a
/// file exists only once both are complete. A request's files are stored all or none.
/// </summary>
public sealed class DirectLineFileStore(IOptions<DirectLineOptions> options)
{
    private readonly string _root = Path.GetFullPath(options.Value.FilesDirectory);

    public async Task<IReadOnlyList<StoredFile>> SaveAllAsync(string conversationId, IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationId);
        Directory.CreateDirectory(folder);
        var stored = new List<StoredFile>();
        try
        {
            foreach (var file in files)
            {
                var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
                var description = new StoredFile(id, conversationId, file.Name, file.ContentType, file.Content.Length);
                await WriteAtomicallyAsync(Path.Combine(folder, id), file.Content, cancellationToken);
                await WriteAtomicallyAsync(Path.Combine(folder, id + ".json"), JsonSerializer.SerializeToUtf8Bytes(description), cancellationToken);
                stored.Add(description);
            }
            return stored;
        }
        catch
        {
            foreach (var file in stored)
            {
                File.Delete(Path.Combine(folder, file.Id + ".json"));
                File.Delete(Path.Combine(folder, file.Id));
            }
            throw;
        }
    }

    public async Task<StoredFile?> FindAsync(string conversationId, string fileId, CancellationToken cancellationToken)
    {
        if (!IsSafeName(fileId) || !IsSafeName(conversationId))
        {
            return null;
        }
        var description = Path.Combine(Folder(conversationId), fileId + ".json");
        if (!File.Exists(description))
        {
            return null;
        }
        await using var stream = File.OpenRead(description);
        return await JsonSerializer.DeserializeAsync<StoredFile>(stream, cancellationToken: cancellationToken);
    }

    public string PathOf(StoredFile file) => Path.Combine(Folder(file.ConversationId), file.Id);

    /// <summary>Removes the uploads of conversations whose last upload is older than <paramref name="cutoff"/>, except <paramref name="keep"/>.</summary>
    public int RemoveIdle(DateTimeOffset cutoff, IReadOnlySet<string> keep)
    {
        if (!Directory.Exists(_root))
        {
            return 0;
        }
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            var conversationId = Path.GetFileName(folder);
            var files = Directory.GetFiles(folder);
            if (keep.Contains(conversationId) || files.Any(file => File.GetLastWriteTimeUtc(file) >= cutoff.UtcDateTime))
            {
                continue;
            }
            Directory.Delete(folder, recursive: true);
            removed += files.Count(file => !file.EndsWith(".json", StringComparison.Ordinal));
        }
        return removed;
    }

    private string Folder(string conversationId) => Path.Combine(_root, IsSafeName(conversationId)
        ? conversationId
        : throw new ArgumentException("Not a conversation id.", nameof(conversationId)));

    private static bool IsSafeName(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}

using System.Text.Json.Nodes;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency, shaped like Bot Framework's IStorage.
/// A write carries the eTag the writer read: null means "create, the key must not exist yet",
/// "*" means overwrite unconditionally, anything else must equal the stored eTag.
/// A write of several keys is all-or-nothing.
/// </summary>
public interface IStorage
{
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <returns>The new eTag of every written key.</returns>
    /// <exception cref="StorageConflictException">An eTag did not match; nothing was written.</exception>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON document and the eTag it was read with (or must match when written).</summary>
public sealed record StoreItem(JsonObject Document, string? ETag)
{
    public const string AnyETag = "*";
}

public sealed class StorageConflictException(string key)
    : Exception($"The stored item '{key}' was changed by someone else (eTag mismatch).")
{
    public string Key { get; } = key;
}

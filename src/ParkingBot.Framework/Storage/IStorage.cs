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

/// <summary>
/// A stored JSON document and the eTag it was read with (or must match when written). A store reads and writes the
/// document's text; the tree is built only when someone asks for it.
/// </summary>
public sealed class StoreItem
{
    public const string AnyETag = "*";
    private JsonObject? _document;
    private string? _json;

    public StoreItem(JsonObject document, string? etag)
    {
        _document = document;
        ETag = etag;
    }

    private StoreItem(string json, string? etag)
    {
        _json = json;
        ETag = etag;
    }

    /// <summary>An item from the document's JSON text, as a store reads it or as a state serialized it.</summary>
    public static StoreItem FromJson(string json, string? etag) => new(json, etag);

    public JsonObject Document => _document ??= JsonNode.Parse(_json!)!.AsObject();

    /// <summary>The document as text, which is what a store keeps; once the tree was asked for, the tree's (it may have changed).</summary>
    public string Json => _document?.ToJsonString() ?? _json!;

    public string? ETag { get; }
}

public sealed class StorageConflictException(string key)
    : Exception($"The stored item '{key}' was changed by someone else (eTag mismatch).")
{
    public string Key { get; } = key;
}

using ParkingBot.Framework.Storage;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>
/// Storage where every other write fails with an eTag conflict, as if another instance had just changed the same
/// conversation: every turn's first save is refused, so every turn runs twice.
/// </summary>
public sealed class ConflictingStorage(IStorage inner) : IStorage
{
    private int _writes;

    public int Conflicts { get; private set; }

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(keys, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _writes) % 2 == 1)
        {
            Conflicts++;
            throw new StorageConflictException(changes.Keys.First());
        }
        return inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
}

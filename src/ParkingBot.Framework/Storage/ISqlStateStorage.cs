using ParkingBot.Data;

namespace ParkingBot.Framework.Storage;

/// <summary>
/// A state storage in a SQL database that other stores may share: it writes their staged rows in the same transaction as
/// the state, so that a turn commits once.
/// </summary>
public interface ISqlStateStorage : IStorage
{
    /// <summary>Whether <paramref name="database"/> is the database this storage writes to.</summary>
    bool Shares(SqlDatabase database);

    /// <summary>Writes the state changes and runs <paramref name="alongside"/> in one transaction: all of it or none.</summary>
    /// <exception cref="StorageConflictException">An eTag did not match; nothing was written.</exception>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken = default);
}

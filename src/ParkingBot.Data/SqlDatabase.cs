using System.Data.Common;

namespace ParkingBot.Data;

/// <summary>
/// One database a store writes to: an embedded SQLite file or the shared PostgreSQL database. A store written against
/// this class runs on both; the few places the two engines differ are named here, and <see cref="Sql"/> does the rest.
/// </summary>
public abstract class SqlDatabase
{
    /// <summary>The column type of a point in time (SQLite keeps ISO 8601 UTC text, which sorts as time does).</summary>
    public abstract string TimeType { get; }

    /// <summary>The definition of a primary key that numbers rows in insertion order.</summary>
    public abstract string SequenceKey { get; }

    /// <summary>
    /// A primary key that numbers rows in insertion order but may give the number of a deleted newest row again: for rows
    /// ordered only among their own kind (a conversation's lines). SQLite then keeps no sequence table, one page less per insert.
    /// </summary>
    public virtual string RowKey => SequenceKey;

    /// <summary>The column type of bytes.</summary>
    public abstract string BytesType { get; }

    /// <summary>Appended to a SELECT that a write transaction reads before it changes the rows (SQLite's write lock already holds them).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Appended to a SELECT that claims rows another instance may be claiming at the same time.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>Creates or upgrades a store's tables; <paramref name="schema"/> is plain DDL with IF NOT EXISTS.</summary>
    public abstract void EnsureSchema(string schema);

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A transaction that will write. SQLite takes the file's write lock at once, so it is the only writer; PostgreSQL
    /// starts at once and serializes what must be with <see cref="ForUpdate"/> and <see cref="LockAsync"/>.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Held around a write that is not in a <see cref="BeginWriteAsync"/> transaction: SQLite's writers of this process queue
    /// here rather than sleep in SQLite's busy handler; PostgreSQL needs nothing.
    /// </summary>
    public abstract ValueTask<IDisposable> WriteGateAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes other writers of <paramref name="key"/> wait until <paramref name="transaction"/> ends.</summary>
    public abstract Task LockAsync(DbTransaction transaction, string key, CancellationToken cancellationToken = default);

    /// <summary>The parameter value of a point in time, in the column type of <see cref="TimeType"/>.</summary>
    public abstract object Time(DateTimeOffset time);

    /// <summary>Runs <paramref name="statements"/> in one write transaction (at the write gate): all or none.</summary>
    public async Task WriteAsync(IEnumerable<SqlStatement> statements, CancellationToken cancellationToken = default)
    {
        using var gate = await WriteGateAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var statement in statements)
        {
            await connection.ExecuteAsync(transaction, statement.Sql, statement.Values, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ParkingBot.Data;

/// <summary>An embedded SQLite file (WAL, see <see cref="SqliteFiles"/>): the default of one process.</summary>
public sealed class SqliteDatabase(string databasePath) : SqlDatabase
{
    private readonly string _connectionString = SqliteFiles.Prepare(databasePath, "");

    /// <summary>Whether <paramref name="connectionString"/> opens this file (two stores on one file can share a transaction).</summary>
    public bool Opens(string connectionString) => connectionString == _connectionString;

    public override string TimeType => "TEXT";

    public override string SequenceKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string RowKey => "INTEGER PRIMARY KEY";

    public override string BytesType => "BLOB";

    public override string ForUpdate => "";

    public override string ForUpdateSkipLocked => "";

    public override void EnsureSchema(string schema)
    {
        using var connection = SqliteFiles.Open(_connectionString);
        SqliteFiles.Execute(connection, schema);
    }

    /// <summary>Adds a column to a table made by an earlier version, if it is not there yet.</summary>
    public void AddColumnIfMissing(string table, string column, string definition) =>
        SqliteFiles.AddColumnIfMissing(_connectionString, table, column, definition);

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<DbConnection>(SqliteFiles.Open(_connectionString));

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task LockAsync(DbTransaction transaction, string key, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override object Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public override async ValueTask<IDisposable> WriteGateAsync(CancellationToken cancellationToken = default)
    {
        var gate = SqliteFiles.WriteGate(_connectionString);
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

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

    /// <summary>
    /// Moves the rows of <paramref name="table"/> that an earlier release kept in another file into this one, then drops the
    /// table there; nothing happens when that file or table is not there. A row already here (same key) stays as it is.
    /// </summary>
    /// <param name="selected">What to read for <paramref name="columns"/> from the earlier table (defaults to the same columns).</param>
    public void MoveRowsFrom(string earlierFile, string table, string columns, string? selected = null)
    {
        if (!File.Exists(earlierFile))
        {
            return;
        }
        using var connection = SqliteFiles.Open(_connectionString);
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $file AS earlier";
            attach.Parameters.AddWithValue("$file", earlierFile);
            attach.ExecuteNonQuery();
        }
        try
        {
            using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM earlier.sqlite_master WHERE type = 'table' AND name = $table";
            exists.Parameters.AddWithValue("$table", table);
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return;
            }
            using var transaction = connection.BeginTransaction(deferred: false);
            using var move = connection.CreateCommand();
            move.Transaction = transaction;
            // WHERE true: without it SQLite would read the upsert's ON as a join's.
            move.CommandText = $"""
                INSERT INTO main.{table} ({columns}) SELECT {selected ?? columns} FROM earlier.{table} WHERE true ORDER BY rowid ON CONFLICT DO NOTHING;
                DROP TABLE earlier.{table};
                """;
            move.ExecuteNonQuery();
            transaction.Commit();
        }
        finally
        {
            SqliteFiles.Execute(connection, "DETACH DATABASE earlier");
        }
    }

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

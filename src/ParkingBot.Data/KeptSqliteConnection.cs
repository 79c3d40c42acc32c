using Microsoft.Data.Sqlite;

namespace ParkingBot.Data;

/// <summary>
/// One connection to a SQLite file, kept open for a store's whole life and used by one writer at a time, under the file's
/// write gate: its statements stay prepared, so a write costs no open and no parse. (Reads stay on pooled connections, so
/// they never wait for a writer.)
/// </summary>
public sealed class KeptSqliteConnection : IDisposable
{
    // A store sends a handful of statements; one built from a varying number of rows is kept per shape, up to this many.
    private const int MostPrepared = 64;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public KeptSqliteConnection(string connectionString)
    {
        _connection = SqliteFiles.Open(connectionString);
        _gate = SqliteFiles.WriteGate(connectionString);
    }

    /// <summary>Waits for the file's gate; the connection is the caller's until the returned value is disposed.</summary>
    public async ValueTask<Lease> TakeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Lease(this);
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>The connection while the gate is held; commands it hands out stay prepared and must not be disposed.</summary>
    public readonly struct Lease(KeptSqliteConnection kept) : IDisposable
    {
        public SqliteTransaction BeginWrite() => kept._connection.BeginTransaction(deferred: false);

        public SqliteCommand Command(SqliteTransaction? transaction, string sql, params object?[] values)
        {
            if (!kept._prepared.TryGetValue(sql, out var command))
            {
                command = kept._connection.CreateCommand();
                command.CommandText = sql;
                if (kept._prepared.Count < MostPrepared)
                {
                    kept._prepared[sql] = command;
                }
            }
            command.Transaction = transaction;
            command.Parameters.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue(ParameterNames.Of(i), values[i] ?? DBNull.Value);
            }
            return command;
        }

        public void Dispose() => kept._gate.Release();
    }

    private static class ParameterNames
    {
        private static readonly string[] Known = [.. Enumerable.Range(1, 32).Select(n => "$" + n)];

        public static string Of(int index) => index < Known.Length ? Known[index] : "$" + (index + 1);
    }
}

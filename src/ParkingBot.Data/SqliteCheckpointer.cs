using Microsoft.Data.Sqlite;

namespace ParkingBot.Data;

/// <summary>
/// Copies a busy SQLite file's write-ahead log back into the file off the commit path. By default the commit that crosses
/// 1,000 log pages runs the checkpoint and every turn queued behind it waits. Here the writer never checkpoints; every 100 ms
/// a passive checkpoint (which never blocks writers) copies what is committed, and once little is left it finishes under the
/// file's write gate — a stall of a few pages — so the log starts over from its beginning and stays small.
/// </summary>
public sealed class SqliteCheckpointer : IDisposable
{
    private const int NearlyDone = 256;
    private const long FallenBehindBytes = 64L * 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate;
    private readonly string _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;

    /// <param name="writer">The connection that writes the file; it stops checkpointing on its own.</param>
    public SqliteCheckpointer(string connectionString, SqliteConnection writer, SemaphoreSlim gate)
    {
        _connectionString = connectionString;
        _gate = gate;
        _log = new SqliteConnectionStringBuilder(connectionString).DataSource + "-wal";
        // When the log starts over, its file is cut back to 4 MB rather than staying at its largest.
        SqliteFiles.Execute(writer, "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 4194304;");
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var connection = SqliteFiles.Open(_connectionString);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await CheckpointAsync(connection, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection, CancellationToken stopping)
    {
        var (logged, copied) = Passive(connection);
        for (var pass = 0; pass < 4 && logged - copied > NearlyDone; pass++)
        {
            (logged, copied) = Passive(connection);
        }
        var fallenBehind = File.Exists(_log) && new FileInfo(_log).Length > FallenBehindBytes;
        if (logged > 0 && (logged - copied <= NearlyDone || fallenBehind))
        {
            await _gate.WaitAsync(stopping);
            try
            {
                // No writer runs now: the checkpoint completes, and the next commit writes the log from its start.
                Passive(connection);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <returns>The pages in the log and how many of them are in the file now (-1 each when a reader kept it busy).</returns>
    private static (long Logged, long Copied) Passive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopping.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stopping.Dispose();
    }
}

using Microsoft.Data.Sqlite;

namespace ParkingBot.Data;

/// <summary>How every embedded SQLite file of the bot is opened: WAL, synchronous=NORMAL, a 30 s busy wait.</summary>
public static class SqliteFiles
{
    /// <summary>The connection string of <paramref name="databasePath"/>, creating its folder and switching it to WAL.</summary>
    public static string Prepare(string databasePath, string schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open(connectionString);
        Execute(connection, "PRAGMA journal_mode = WAL;" + schema);
        return connectionString;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    /// <summary>
    /// The writers of one file in this process queue here instead of in SQLite's busy handler, which sleeps between retries
    /// (1 ms growing to 100 ms) and so leaves the cores idle while writers wait. Other processes still meet the busy timeout.
    /// </summary>
    public static SemaphoreSlim WriteGate(string connectionString) => WriteGates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // The pool hands back the same native handle, which keeps its settings: set them once per handle, not per open.
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            // WAL with synchronous=NORMAL never corrupts the file and loses nothing when the process dies;
            // only an OS crash or power cut can drop the last commits. It saves an fsync on every turn.
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;");
            Configured.TryAdd(connection.Handle!, Configured);
        }
        return connection;
    }

    /// <summary>Adds a column to a table made by an earlier version, if it is not there yet.</summary>
    public static void AddColumnIfMissing(string connectionString, string table, string column, string definition)
    {
        using var connection = Open(connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

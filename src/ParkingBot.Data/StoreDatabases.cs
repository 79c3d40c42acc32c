using System.Collections.Concurrent;
using Npgsql;

namespace ParkingBot.Data;

public enum StorageProvider
{
    /// <summary>A SQLite file per store in the data folder: one process, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>One PostgreSQL database that every instance shares.</summary>
    Postgres,
}

/// <summary>Where each store keeps its tables: its own SQLite file in the data folder, or the one shared PostgreSQL database.</summary>
public sealed class StoreDatabases : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly ConcurrentDictionary<string, SqliteDatabase> _files = new(StringComparer.Ordinal);
    private readonly PostgresDatabase? _postgres;

    public StoreDatabases(StorageProvider provider, string dataDirectory, string? postgresConnectionString = null)
    {
        Provider = provider;
        _dataDirectory = dataDirectory;
        if (provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(postgresConnectionString))
            {
                throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            }
            var stores = new NpgsqlConnectionStringBuilder(postgresConnectionString);
            if (stores.MaxAutoPrepare == 0)
            {
                // The stores send the same few statements all day: prepared once per connection, the server parses and plans them once.
                stores.MaxAutoPrepare = 64;
            }
            // Turn locks hold their connection for the whole turn; in a pool of their own they can never take the last
            // connections the turn itself needs (a full pool would then wait for itself). A connection whose unlock failed is
            // closed rather than pooled (PostgresConversationLock), so no reset (DISCARD ALL, which also drops the prepared
            // lock statements) is needed when one is taken again.
            var locks = new NpgsqlConnectionStringBuilder(stores.ConnectionString)
            {
                ApplicationName = "parkingbot turn locks",
                MaxPoolSize = Math.Min(stores.MaxPoolSize, 24),
                NoResetOnClose = true,
            };
            // The stores leave no session state behind (their locks are transaction-scoped): no reset when a pooled connection is taken again.
            stores.NoResetOnClose = true;
            _postgres = new PostgresDatabase(NpgsqlDataSource.Create(stores.ConnectionString));
            TurnLockConnections = NpgsqlDataSource.Create(locks.ConnectionString);
        }
    }

    /// <summary>
    /// The SQLite file of conversation and user state. A turn's other writes (transcript lines) keep their tables in it too, so
    /// that all of a turn commits in one transaction.
    /// </summary>
    public const string TurnFile = "parkingbot.db";

    /// <summary>The database of conversation state and of the rows written with it in a turn's one commit.</summary>
    public SqlDatabase Turns => For(TurnFile);

    /// <summary>The connections that hold PostgreSQL turn locks (Postgres only).</summary>
    public NpgsqlDataSource? TurnLockConnections { get; }

    public StorageProvider Provider { get; }

    /// <summary>The shared PostgreSQL database; only when <see cref="Provider"/> is Postgres.</summary>
    public PostgresDatabase Postgres => _postgres ?? throw new InvalidOperationException("Storage:Provider is not Postgres.");

    /// <summary>The database of a store: {data folder}/<paramref name="sqliteFile"/>, or the shared PostgreSQL database.</summary>
    public SqlDatabase For(string sqliteFile) =>
        _postgres ?? (SqlDatabase)_files.GetOrAdd(sqliteFile, file => new SqliteDatabase(Path.Combine(_dataDirectory, file)));

    /// <summary>The path of a store's SQLite file (the stores not yet written against <see cref="SqlDatabase"/>).</summary>
    public string SqlitePath(string sqliteFile) => Path.Combine(_dataDirectory, sqliteFile);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DataSource.DisposeAsync();
            await TurnLockConnections!.DisposeAsync();
        }
    }
}

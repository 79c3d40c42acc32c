using Microsoft.Data.Sqlite;
using ParkingBot.Data;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Testing;

/// <summary>
/// The database of one store test, on one engine: a SQLite file in a folder of its own, or a new database on the
/// PostgreSQL server of <see cref="TestPostgres"/>. A store test class is abstract and has one subclass per engine.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _folder;

    private TestDatabase(SqlDatabase database, string? folder)
    {
        Database = database;
        _folder = folder;
    }

    public SqlDatabase Database { get; }

    /// <summary>Conversation state in this database, as the host keeps it beside the stores that share a turn's commit.</summary>
    public IStorage StateStorage() => Database switch
    {
        PostgresDatabase postgres => new PostgresStorage(postgres.DataSource),
        _ => new SqliteStorage(Path.Combine(_folder!, "store.db")),
    };

    /// <summary>Another SQLite file in this test's folder (SQLite only).</summary>
    public string SqliteFile(string name) => Path.Combine(_folder ?? throw new InvalidOperationException("Not a SQLite test database."), name);

    public static TestDatabase Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("parkingbot-store-").FullName;
        return new TestDatabase(new SqliteDatabase(Path.Combine(folder, "store.db")), folder);
    }

    public static TestDatabase Postgres() => new(new PostgresDatabase(TestPostgres.CreateDatabase()), null);

    public void Dispose()
    {
        if (Database is PostgresDatabase postgres)
        {
            postgres.DataSource.Dispose();
        }
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}

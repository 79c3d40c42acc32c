using Npgsql;

namespace ParkingBot.Testing;

/// <summary>
/// The PostgreSQL server scripts/test.sh starts (its connection string in ParkingBot_TestPostgres): each call gets a new,
/// empty database owned by the test role, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public static NpgsqlDataSource CreateDatabase() => NpgsqlDataSource.Create(CreateDatabaseConnectionString());

    /// <summary>A new, empty database's connection string (for a host process to connect to).</summary>
    public static string CreateDatabaseConnectionString()
    {
        var server = Environment.GetEnvironmentVariable("ParkingBot_TestPostgres")
            ?? throw new InvalidOperationException("The PostgreSQL tests need the server scripts/test.sh starts: run the tests with scripts/test.sh "
                + "(or eval \"$(scripts/postgres.sh)\" first).");
        var name = "pb_" + Guid.NewGuid().ToString("N");
        using (var admin = NpgsqlDataSource.Create(server))
        using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

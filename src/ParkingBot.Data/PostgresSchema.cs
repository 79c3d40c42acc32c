using Npgsql;

namespace ParkingBot.Data;

/// <summary>Creates a store's tables at start-up, one instance at a time (a transaction-scoped advisory lock).</summary>
public static class PostgresSchema
{
    private const long SchemaLock = 0x5061726b696e67; // "Parking"

    public static void Ensure(NpgsqlDataSource dataSource, string schema)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = SchemaLock });
            lockCommand.ExecuteNonQuery();
        }
        using (var create = new NpgsqlCommand(schema, connection, transaction))
        {
            create.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}

using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace ParkingBot.Data;

/// <summary>
/// Commands with positional parameters ($1, $2, …) on either engine, and the reads every store makes.
/// </summary>
public static class Sql
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            // PostgreSQL binds $n by position (unnamed parameters); SQLite by the name "$n".
            if (connection is not NpgsqlConnection)
            {
                parameter.ParameterName = "$" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, object?[] values,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(transaction, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T?> ScalarAsync<T>(this DbConnection connection, DbTransaction? transaction, string sql, object?[] values,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(transaction, sql, values);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture) : default;
    }

    public static async Task<List<T>> QueryAsync<T>(this DbConnection connection, DbTransaction? transaction, string sql, object?[] values,
        Func<DbDataReader, T> read, CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command(transaction, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>A point in time written with <see cref="SqlDatabase.Time"/>, read back on either engine.</summary>
    public static DateTimeOffset ReadTime(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        var text => DateTimeOffset.Parse((string)text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };

    public static string? ReadNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

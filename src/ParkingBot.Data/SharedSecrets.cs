namespace ParkingBot.Data;

/// <summary>
/// Named values that every instance must agree on and that are made once (signing keys, the demo agent, the Data
/// Protection key ring): the first instance to add a name sets it; the others read what it set.
/// </summary>
public sealed class SharedSecrets
{
    private readonly SqlDatabase _database;

    public SharedSecrets(SqlDatabase database)
    {
        _database = database;
        database.EnsureSchema("CREATE TABLE IF NOT EXISTS shared_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }

    /// <summary>The value of <paramref name="name"/>, set to <paramref name="candidate"/> if nobody set it before; whether this call set it.</summary>
    public (string Value, bool Added) GetOrAdd(string name, string candidate)
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        var added = connection.ExecuteAsync(null, "INSERT INTO shared_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [name, candidate])
            .GetAwaiter().GetResult() == 1;
        return (added ? candidate : Get(name)!, added);
    }

    public string? Get(string name)
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        return connection.ScalarAsync<string>(null, "SELECT value FROM shared_secrets WHERE name = $1", [name]).GetAwaiter().GetResult();
    }

    /// <summary>Every value whose name starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> ListByPrefix(string prefix)
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        return connection.QueryAsync(null, "SELECT value FROM shared_secrets WHERE substr(name, 1, $2) = $1 ORDER BY name", [prefix, prefix.Length],
            reader => reader.GetString(0)).GetAwaiter().GetResult();
    }
}

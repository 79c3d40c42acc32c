using System.Security.Cryptography;
using ParkingBot.Data;

namespace ParkingBot.Agents;

/// <summary>Agents:Session: how long an agent's sign-in lasts (configuration section Agents:Session).</summary>
public sealed class AgentSessionOptions
{
    /// <summary>A session not used for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after its sign-in, however busy (a shift).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);
}

/// <summary>
/// The agents' sign-ins, server side (in secrets.db or the shared database, so every instance knows them): the cookie
/// names its session, and a session that was signed out, idle too long or older than its absolute lifetime is refused
/// whatever the cookie says. The last use is written at most once a minute.
/// </summary>
public sealed class AgentSessions
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private readonly SqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly AgentSessionOptions _options;

    public AgentSessions(SqlDatabase database, TimeProvider time, Microsoft.Extensions.Options.IOptions<AgentSessionOptions> options)
    {
        _database = database;
        _time = time;
        _options = options.Value;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS agent_sessions (
                id TEXT PRIMARY KEY,
                agent_id TEXT NOT NULL,
                started_at {database.TimeType} NOT NULL,
                last_used_at {database.TimeType} NOT NULL,
                ended INTEGER NOT NULL DEFAULT 0
            );
            """);
    }

    public async Task<string> StartAsync(string agentId, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var now = _database.Time(_time.GetUtcNow());
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "INSERT INTO agent_sessions (id, agent_id, started_at, last_used_at) VALUES ($1, $2, $3, $3)",
            [id, agentId, now], cancellationToken);
        return id;
    }

    /// <summary>Whether the session may still be used; a live one is marked used.</summary>
    public async Task<bool> UseAsync(string sessionId, string agentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var session = (await connection.QueryAsync(null, "SELECT started_at, last_used_at, ended FROM agent_sessions WHERE id = $1 AND agent_id = $2",
            [sessionId, agentId], reader => (Started: reader.ReadTime(0), LastUsed: reader.ReadTime(1), Ended: reader.GetInt64(2) != 0), cancellationToken)).FirstOrDefault();
        var now = _time.GetUtcNow();
        if (session == default || session.Ended || now - session.Started > _options.AbsoluteLifetime || now - session.LastUsed > _options.IdleTimeout)
        {
            return false;
        }
        if (now - session.LastUsed >= TouchEvery)
        {
            await connection.ExecuteAsync(null, "UPDATE agent_sessions SET last_used_at = $2 WHERE id = $1", [sessionId, _database.Time(now)], cancellationToken);
        }
        return true;
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "UPDATE agent_sessions SET ended = 1 WHERE id = $1", [sessionId], cancellationToken);
    }
}

using System.Collections.Concurrent;
using ParkingBot.Data;

namespace ParkingBot.Framework.Cluster;

/// <summary>Counts events per key in fixed windows (a calendar minute…), across every instance that shares the counter.</summary>
public interface IRateCounter
{
    /// <summary>Counts one more event of <paramref name="key"/> in <paramref name="window"/>; how many there are now in that window.</summary>
    Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken = default);

    /// <summary>How many events of <paramref name="key"/> were counted in <paramref name="window"/>.</summary>
    Task<long> CountAsync(string key, long window, CancellationToken cancellationToken = default);
}

/// <summary>One instance: the counts live in memory.</summary>
public sealed class InMemoryRateCounter : IRateCounter
{
    private readonly ConcurrentDictionary<string, (long Window, long Count)> _counts = new(StringComparer.Ordinal);

    public Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken = default)
    {
        var count = _counts.AddOrUpdate(key, _ => (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1));
        if (_counts.Count > 10_000)
        {
            foreach (var stale in _counts.Where(c => c.Value.Window < window).Select(c => c.Key).ToList())
            {
                _counts.TryRemove(stale, out _);
            }
        }
        return Task.FromResult(count.Count);
    }

    public Task<long> CountAsync(string key, long window, CancellationToken cancellationToken = default) =>
        Task.FromResult(_counts.TryGetValue(key, out var count) && count.Window == window ? count.Count : 0);
}

/// <summary>Several instances: the counts live in the shared database, one row per key.</summary>
public sealed class SqlRateCounter : IRateCounter
{
    private readonly SqlDatabase _database;
    private long _calls;

    public SqlRateCounter(SqlDatabase database)
    {
        _database = database;
        database.EnsureSchema("CREATE TABLE IF NOT EXISTS rate_counts (key TEXT PRIMARY KEY, time_window BIGINT NOT NULL, count BIGINT NOT NULL)");
    }

    public async Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref _calls) % 1000 == 0)
        {
            await connection.ExecuteAsync(null, "DELETE FROM rate_counts WHERE time_window < $1", [window], cancellationToken);
        }
        return await connection.ScalarAsync<long>(null, """
            INSERT INTO rate_counts (key, time_window, count) VALUES ($1, $2, 1)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN rate_counts.time_window = excluded.time_window THEN rate_counts.count + 1 ELSE 1 END,
                time_window = excluded.time_window
            RETURNING count
            """, [key, window], cancellationToken);
    }

    public async Task<long> CountAsync(string key, long window, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<long>(null, "SELECT count FROM rate_counts WHERE key = $1 AND time_window = $2", [key, window], cancellationToken);
    }
}

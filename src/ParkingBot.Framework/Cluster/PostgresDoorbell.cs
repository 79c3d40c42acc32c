using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ParkingBot.Framework.Cluster;

/// <summary>
/// The doorbell of instances that share a PostgreSQL database: NOTIFY on one channel, with "{instance} {topic} {id}" as
/// the payload, and one dedicated LISTEN connection per instance that reconnects with back-off and, once back, tells
/// every subscriber to catch up (rings sent while it was away are lost; the database is not).
/// </summary>
public sealed class PostgresDoorbell(NpgsqlDataSource dataSource, ILogger<PostgresDoorbell> logger) : BackgroundService, IDoorbell
{
    private const string Channel = "parkingbot";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, List<Action<string?>>> _subscribers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before ringing).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Whether the LISTEN is in place now: while it is not, rings of the other instances do not reach this one.</summary>
    public bool IsListening => _isListening;

    private volatile bool _isListening;

    public async Task RingAsync(string topic, string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = $"{_instance} {topic} {id}" });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not ring the other instances about {Topic}; they catch up on their next change", topic);
        }
    }

    public void Subscribe(string topic, Action<string?> onRing)
    {
        var list = _subscribers.GetOrAdd(topic, _ => []);
        lock (list)
        {
            list.Add(onRing);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                _isListening = true;
                _listening.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(250);
                if (missedSome)
                {
                    logger.LogInformation("Listening to the other instances again; catching up");
                    missedSome = false;
                }
                // Rings sent before this LISTEN (at start-up, or while the connection was lost) are not delivered: catch up.
                CatchUpAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        // Nothing for a while: make sure the connection is still there.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                _isListening = false;
                return;
            }
            catch (Exception exception)
            {
                _isListening = false;
                missedSome = true;
                logger.LogWarning(exception, "Lost the connection that listens to the other instances; retrying in {Backoff}", backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void Dispatch(string payload)
    {
        var parts = payload.Split(' ', 3);
        if (parts.Length == 3 && parts[0] != _instance)
        {
            Call(parts[1], parts[2]);
        }
    }

    private void CatchUpAll()
    {
        foreach (var topic in _subscribers.Keys)
        {
            Call(topic, null);
        }
    }

    private void Call(string topic, string? id)
    {
        if (!_subscribers.TryGetValue(topic, out var list))
        {
            return;
        }
        Action<string?>[] handlers;
        lock (list)
        {
            handlers = [.. list];
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(id);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A listener of {Topic} failed", topic);
            }
        }
    }
}

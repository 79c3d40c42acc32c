using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.Analytics;

/// <summary>
/// Writes the watches of committed turns in batches, outside the turns' transactions: they only feed the outcome sweep,
/// so a turn need not hold its database's write lock for them. The latest watch of a conversation wins; a write never
/// replaces a newer row (see <see cref="ConversationEvents.Watch"/>). A watch lost in a crash only delays what the sweep
/// notices until the customer's next turn, which applies the same rule itself.
/// </summary>
public sealed class WatchWriter(ConversationEvents events, IOptions<OutcomeOptions> options, ILogger<WatchWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<string, ConversationWatch> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Keeps the watch as a committed turn left it (a copy: the turn's state object lives on).</summary>
    public void Enqueue(ConversationWatch watch) =>
        _pending.AddOrUpdate(watch.Conversation, Copy(watch), (_, queued) => queued.LastTurnAt > watch.LastTurnAt ? queued : Copy(watch));

    /// <summary>Writes what is pending, in one transaction.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<ConversationWatch>();
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var watch))
                {
                    batch.Add(watch);
                }
            }
            if (batch.Count > 0)
            {
                await events.WriteAsync(batch.Select(w => events.Watch(w, options.Value)), cancellationToken);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not write the outcome watches; they are written at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private static ConversationWatch Copy(ConversationWatch watch) =>
        System.Text.Json.JsonSerializer.Deserialize<ConversationWatch>(System.Text.Json.JsonSerializer.Serialize(watch))!;
}

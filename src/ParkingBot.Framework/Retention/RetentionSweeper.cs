using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.Retention;

/// <summary>
/// The background job that applies the retention period: at start and then every <see cref="RetentionOptions.SweepInterval"/>
/// (on the app's <see cref="TimeProvider"/>), every <see cref="IExpiringStore"/> removes what conversations idle longer than
/// <see cref="RetentionOptions.Days"/> left, except the conversations still in use. A store that fails is logged and
/// tried again at the next sweep; the others go on.
/// </summary>
public sealed class RetentionSweeper(IEnumerable<IExpiringStore> stores, IEnumerable<IConversationsInUse> inUse, IOptions<RetentionOptions> options,
    TimeProvider timeProvider, ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>Completed sweeps, so a test that moved the clock can wait for the one it caused.</summary>
    public int Sweeps { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - TimeSpan.FromDays(options.Value.Days);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in inUse)
        {
            keep.UnionWith(await source.ListAsync(cancellationToken));
        }
        foreach (var store in stores)
        {
            try
            {
                if (await store.RemoveIdleAsync(cutoff, keep, cancellationToken) is > 0 and var removed)
                {
                    logger.LogInformation("Retention: removed {Count} {Store} idle since before {Cutoff:u}", removed, store.Name, cutoff);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Retention: could not sweep {Store}; trying again at the next sweep", store.Name);
            }
        }
        Sweeps++;
    }
}

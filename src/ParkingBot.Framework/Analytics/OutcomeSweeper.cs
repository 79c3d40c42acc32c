using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.Analytics;

/// <summary>
/// Notices quiet: every <see cref="OutcomeOptions.SweepInterval"/> it records the flows abandoned, the sessions ended and
/// the resolutions assumed of conversations whose customers did not come back. Any instance may sweep: the events' keys
/// keep each one once.
/// </summary>
public sealed class OutcomeSweeper(ConversationEvents events, WatchWriter watches, IOptions<OutcomeOptions> options, TimeProvider timeProvider,
    ILogger<OutcomeSweeper> logger) : BackgroundService
{
    /// <summary>Writes this instance's pending watches, then applies quiet to every watched conversation that is due.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        await watches.FlushAsync(cancellationToken);
        return await events.SweepAsync(timeProvider.GetUtcNow(), options.Value, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                if (await SweepOnceAsync(stoppingToken) is > 0 and var recorded)
                {
                    logger.LogInformation("Recorded {Count} outcomes of conversations gone quiet", recorded);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The outcome sweep failed; it tries again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

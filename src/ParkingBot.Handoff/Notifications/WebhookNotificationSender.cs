using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkingBot.Data;

namespace ParkingBot.Handoff.Notifications;

/// <summary>Follow-ups go to a webhook: written to the outbox first (so a restart loses nothing), then delivered.</summary>
public sealed class WebhookNotificationSender(NotificationOutbox outbox, WebhookDelivery delivery) : INotificationSender
{
    public SqlStatement Queue(Notification notification) => outbox.AddStatement(notification, NotificationState.Pending);

    public void Queued() => delivery.Wake();
}

/// <summary>
/// POSTs pending follow-ups as JSON to Notifications:WebhookUrl, retrying failures with exponential backoff
/// (2 s, 4 s, 8 s … up to 10 min) until the receiver answers 2xx.
/// </summary>
public sealed class WebhookDelivery(NotificationOutbox outbox, HttpClient httpClient, Uri webhook, TimeProvider timeProvider, ILogger<WebhookDelivery> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake() => _wake.Release();

    /// <summary>One pass over the due notifications; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var entry in await outbox.ClaimDueAsync(cancellationToken))
        {
            try
            {
                using var response = await httpClient.PostAsJsonAsync(webhook, new
                {
                    id = entry.Id,
                    caseId = entry.Notification.CaseId,
                    customerUserId = entry.Notification.CustomerUserId,
                    text = entry.Notification.Text,
                    createdAt = entry.CreatedAt,
                }, cancellationToken);
                response.EnsureSuccessStatusCode();
                await outbox.MarkDeliveredAsync(entry.Id, cancellationToken);
                logger.LogInformation("Delivered the follow-up {NotificationId} of handoff case {CaseId} to the webhook (attempt {Attempt})", entry.Id, entry.Notification.CaseId, entry.Attempts + 1);
                delivered++;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, entry.Attempts + 1)));
                logger.LogWarning("Webhook delivery of the follow-up {NotificationId} of handoff case {CaseId} failed (attempt {Attempt}); retrying in {Delay}", entry.Id, entry.Notification.CaseId, entry.Attempts + 1, delay);
                await outbox.MarkFailedAsync(entry.Id, timeProvider.GetUtcNow() + delay, exception.Message, cancellationToken);
            }
        }
        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await DeliverDueAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.Kakao;

/// <summary>
/// Posts the final responses of turns answered with useCallback to Kakao's callback URLs, each at most once and only within
/// its window; what cannot be posted waits for the customer's next message. The instance that ran the turn posts at once;
/// every 5 s each instance also posts what another instance stored but did not post (it stopped) and gives up on what ran
/// out of time.
/// </summary>
public sealed class KakaoCallbacks(
    KakaoOutbox outbox,
    KakaoRenderer renderer,
    IHttpClientFactory httpClients,
    IOptions<KakaoOptions> options,
    TimeProvider time,
    ILogger<KakaoCallbacks> logger) : BackgroundService
{
    public const string HttpClientName = "kakao-callbacks";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    /// <summary>An instance that claimed a callback and did not finish posting it within this time has stopped.</summary>
    private static readonly TimeSpan SendingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Posts the callback <paramref name="id"/> if it is ready and still in its window (null: every such callback).</summary>
    public async Task PostReadyAsync(string? id, CancellationToken cancellationToken)
    {
        foreach (var callback in await outbox.ClaimAsync(id, time.GetUtcNow(), cancellationToken))
        {
            await PostAsync(callback, cancellationToken);
        }
    }

    /// <summary>Gives up on callbacks whose time ran out: their replies wait for the customer's next message.</summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        foreach (var expired in await outbox.ExpireAsync(time.GetUtcNow(), SendingTimeout, cancellationToken))
        {
            logger.LogWarning("The callback of a KakaoTalk turn ran out of time; its replies wait for the customer's next message");
            await outbox.KeepAsync(expired.UserId, expired.Replies ?? [], time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task PostAsync(KakaoCallback callback, CancellationToken cancellationToken)
    {
        var rendering = renderer.Render(callback.Replies ?? []);
        try
        {
            if (!options.Value.AllowsCallback(callback.Url))
            {
                throw new HttpRequestException($"The callback host {callback.Url.Host} is not in Kakao:CallbackHosts.");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Within the window, and never long: Kakao answers a callback at once or not at all.
            var left = callback.ExpiresAt - time.GetUtcNow();
            timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp(left.TotalMilliseconds, 1, 10_000)));
            using var response = await httpClients.CreateClient(HttpClientName).PostAsJsonAsync(callback.Url, rendering.Response, KakaoJson.Options, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                await outbox.MarkAsync(callback.Id, CallbackState.Sent, time.GetUtcNow(), CancellationToken.None);
                await outbox.KeepAsync(callback.UserId, rendering.Rest, time.GetUtcNow(), CancellationToken.None);
                return;
            }
            logger.LogWarning("Kakao refused a callback with {Status}; its replies wait for the customer's next message", (int)response.StatusCode);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(exception, "A callback could not be posted to Kakao; its replies wait for the customer's next message");
        }
        await outbox.MarkAsync(callback.Id, CallbackState.Failed, time.GetUtcNow(), CancellationToken.None);
        await outbox.KeepAsync(callback.UserId, callback.Replies ?? [], time.GetUtcNow(), CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PostReadyAsync(null, stoppingToken);
                    await ExpireAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "The KakaoTalk callback sweep failed; it runs again in {Interval}", SweepInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

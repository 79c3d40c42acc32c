using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Integration;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

/// <summary>
/// POST /api/kakao/skill/{key}: the Open Builder skill on the fallback block, so that every utterance reaches the bot.
/// It translates the SkillPayload into an Activity, runs it through the same turn runner and bot as every channel, and
/// renders the replies for KakaoTalk. Kakao waits 5 s for a skill: a turn not done within Kakao:TurnBudget is answered
/// with useCallback (its final response is posted to the callbackUrl) or, without a callbackUrl, with a 'still working'
/// text — its replies then wait for the customer's next message. Nothing a turn says is lost.
/// </summary>
public sealed class KakaoSkillService(
    TurnRunner runner,
    IBot bot,
    KakaoRenderer renderer,
    KakaoOutbox outbox,
    KakaoCallbacks callbacks,
    KakaoImages images,
    KakaoTexts texts,
    IOptions<KakaoOptions> options,
    TimeProvider time,
    ILogger<KakaoSkillService> logger)
{
    public const string KeyHeader = "X-ParkingBot-Skill-Key";

    public async Task<IResult> HandleAsync(HttpContext context, string? keyInPath)
    {
        var settings = options.Value;
        if (!KeyMatches(keyInPath ?? context.Request.Headers[KeyHeader].ToString(), settings.SkillKey))
        {
            return Error(403, "The skill key is wrong (or Kakao:SkillKey is not set).");
        }
        var (payload, refused) = await ReadPayloadAsync(context, settings.MaxPayloadBytes);
        if (refused is not null)
        {
            return refused;
        }
        if (string.IsNullOrEmpty(settings.BotId) || !string.Equals(payload!.Bot!.Id, settings.BotId, StringComparison.Ordinal))
        {
            return Error(403, "bot.id is not the configured Kakao:BotId.");
        }
        return await AnswerAsync(payload, BaseUrl(context));
    }

    /// <summary>This host's address as the request reached it (links to kept images).</summary>
    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    /// <summary>Answers a SkillPayload already checked (<see cref="KakaoActivities.Problem"/>) and let in: the skill's and the designers' simulator's way in.</summary>
    public async Task<IResult> AnswerAsync(SkillPayload payload, string baseUrl)
    {
        var settings = options.Value;
        var received = time.GetUtcNow();
        var userId = payload.UserRequest!.User!.Id!;
        // Taken replies must reach the customer: not cut short by a disconnect halfway.
        var kept = await outbox.TakeAsync(userId, CancellationToken.None);
        if (KakaoRenderer.AsksForMore(payload.Action?.ClientExtra))
        {
            return await RespondAsync(userId, kept);
        }

        var activity = KakaoActivities.ToActivity(payload, received);
        // The turn is not tied to the request: Kakao may stop waiting, the turn still ends and its replies are kept. It runs
        // on its own task, so that even a turn that blocks its thread cannot hold the answer past the budget.
        var imageUrls = images.UrlsIn(payload);
        var turn = Task.Run(async () =>
        {
            if (imageUrls.Count > 0)
            {
                // A receipt sent with the image plugin: fetched now (Kakao's secure URLs do not last), then the turn sees it as an upload.
                activity.Attachments = [.. await images.FetchAsync(userId, imageUrls, baseUrl, CancellationToken.None)];
            }
            return await runner.RunAsync(activity, bot.OnTurnAsync, TurnDelivery.ToCaller, CancellationToken.None);
        });
        try
        {
            var result = await turn.WaitAsync(settings.TurnBudget, time);
            return result.Outcome switch
            {
                TurnOutcome.Done => await RespondAsync(userId, [.. kept, .. result.Replies]),
                TurnOutcome.Refused => await KeepThenAsync(userId, kept, Error(400, result.Refusal!.Reason)),
                _ => await KeepThenAsync(userId, kept, Error(503, "The turn could not be completed; the customer may send the message again.")),
            };
        }
        catch (TimeoutException)
        {
            // Past the budget: answered below, while the turn goes on.
        }

        if (payload.UserRequest.CallbackUrl is { } callbackText && Uri.TryCreate(callbackText, UriKind.Absolute, out var callbackUrl)
            && settings.AllowsCallback(callbackUrl))
        {
            await outbox.OpenCallbackAsync(activity.Id!, userId, callbackUrl, received + settings.CallbackWindow, time.GetUtcNow(), CancellationToken.None);
            _ = Task.Run(() => PostWhenDoneAsync(turn, activity.Id!, userId, kept));
            return Results.Json(new SkillResponse(UseCallback: true, Data: new JsonObject { ["text"] = texts.Waiting }), KakaoJson.Options);
        }
        if (payload.UserRequest.CallbackUrl is { } refused)
        {
            logger.LogWarning("A callbackUrl outside Kakao:CallbackHosts was not used ({Host})", Uri.TryCreate(refused, UriKind.Absolute, out var url) ? url.Host : "not a URL");
        }
        _ = Task.Run(() => KeepWhenDoneAsync(turn, userId));
        return await RespondAsync(userId, [.. kept, Activity.CreateMessageActivity(texts.StillWorking)]);
    }

    /// <summary>The request's SkillPayload, or the 413/400 answer (with the reason) when it cannot become a turn.</summary>
    public static async Task<(SkillPayload? Payload, IResult? Refused)> ReadPayloadAsync(HttpContext context, int maxBytes)
    {
        var body = await LimitedBody.ReadAsync(context.Request, maxBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, Error(413, $"The SkillPayload is larger than {maxBytes} bytes."));
        }
        try
        {
            var payload = JsonSerializer.Deserialize<SkillPayload>(body, KakaoJson.Options);
            return KakaoActivities.Problem(payload) is { } problem ? (null, Error(400, problem)) : (payload, null);
        }
        catch (JsonException exception)
        {
            return (null, Error(400, $"The body is not a SkillPayload: {exception.Message}"));
        }
    }

    private async Task<IResult> RespondAsync(string userId, IReadOnlyList<Activity> replies)
    {
        var rendering = renderer.Render(replies);
        await outbox.KeepAsync(userId, rendering.Rest, time.GetUtcNow(), CancellationToken.None);
        return Results.Json(rendering.Response, KakaoJson.Options);
    }

    private async Task<IResult> KeepThenAsync(string userId, IReadOnlyList<Activity> kept, IResult result)
    {
        await outbox.KeepAsync(userId, kept, time.GetUtcNow(), CancellationToken.None);
        return result;
    }

    /// <summary>The slow turn's replies (after those kept before it) go to the callback URL, or wait when its time ran out.</summary>
    private async Task PostWhenDoneAsync(Task<TurnResult> turn, string callbackId, string userId, IReadOnlyList<Activity> kept)
    {
        try
        {
            var result = await turn;
            IReadOnlyList<Activity> replies = [.. kept, .. result.Outcome == TurnOutcome.Done ? result.Replies : []];
            if (await outbox.CompleteCallbackAsync(callbackId, replies, time.GetUtcNow()))
            {
                await callbacks.PostReadyAsync(callbackId, CancellationToken.None);
            }
            else
            {
                await outbox.KeepAsync(userId, replies, time.GetUtcNow());
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A slow KakaoTalk turn's replies could not be passed on");
        }
    }

    private async Task KeepWhenDoneAsync(Task<TurnResult> turn, string userId)
    {
        try
        {
            var result = await turn;
            if (result.Outcome == TurnOutcome.Done)
            {
                await outbox.KeepAsync(userId, result.Replies, time.GetUtcNow());
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A slow KakaoTalk turn's replies could not be kept");
        }
    }

    private static bool KeyMatches(string? given, string? expected) =>
        !string.IsNullOrEmpty(expected) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public static IResult Error(int status, string reason) =>
        Results.Json(new { error = new { code = status switch { 400 => "BadArgument", 403 => "Forbidden", 413 => "MessageSizeTooBig", _ => "ServiceError" }, message = reason } },
            statusCode: status);
}

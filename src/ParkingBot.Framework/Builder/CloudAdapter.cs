using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// The Bot Framework channel adapter of /api/messages (Emulator, Azure Bot Service): reads and authenticates the
/// POSTed activity, has the <see cref="TurnRunner"/> run it, and answers the HTTP request (the replies go to the
/// channel's serviceUrl, or in the response for expectReplies). It only translates; the turn is the runner's.
/// </summary>
public sealed class CloudAdapter(
    JwtTokenValidation authentication,
    TurnRunner runner,
    IOptions<CloudAdapterOptions> options,
    BotCallers callers,
    ILogger<CloudAdapter> logger)
{
    private readonly CloudAdapterOptions _options = options.Value;

    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken = default)
    {
        var body = await Integration.LimitedBody.ReadAsync(request, _options.MaxActivityBytes, cancellationToken);
        if (body is null)
        {
            await WriteErrorAsync(response, StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig",
                $"The activity is larger than {_options.MaxActivityBytes} bytes.");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "BadSyntax", $"The body is not a valid activity: {exception.Message}");
            return;
        }
        if (string.IsNullOrEmpty(activity?.Type))
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no type.");
            return;
        }

        if (callers.Anonymous && !callers.AnonymousAllowed)
        {
            await WriteErrorAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized",
                "This bot has no MicrosoftAppId; unauthenticated activities are taken only in Development or with Bot:AllowAnonymous=true.");
            return;
        }

        ClaimsIdentity identity;
        try
        {
            identity = await authentication.AuthenticateRequestAsync(activity, request.Headers.Authorization, cancellationToken);
        }
        catch (UnauthorizedAccessException exception)
        {
            logger.LogWarning("Rejected an activity: {Reason}", exception.Message);
            await WriteErrorAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message);
            return;
        }

        if (AnonymousCallerPolicy.Check(activity, callers.Anonymous, _options.AllowedServiceUrls) is { } refusal)
        {
            logger.LogWarning("Refused an activity on /api/messages: {Reason}", refusal.Reason);
            await WriteErrorAsync(response, StatusCodes.Status403Forbidden, refusal.Code, refusal.Reason);
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation?.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityId"] = activity.Id,
        });
        if (!ActivityTypes.IsKnown(activity.Type))
        {
            logger.LogInformation("Ignored an activity of unknown type {ActivityType}", activity.Type);
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        // callerId is never trusted from the wire (spec A2251).
        activity.CallerId = identity.IsAuthenticated ? CallerIdConstants.PublicAzureChannel : null;

        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        var turn = await runner.RunAsync(activity, bot.OnTurnAsync, expectReplies ? TurnDelivery.ToCaller : TurnDelivery.ToChannel, cancellationToken);
        switch (turn.Outcome)
        {
            case TurnOutcome.Refused:
                await WriteErrorAsync(response, StatusCodes.Status400BadRequest, turn.Refusal!.Code, turn.Refusal.Reason);
                return;
            case TurnOutcome.StateConflict:
                await WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "StateConflict",
                    "The conversation's state kept changing concurrently; the activity was not processed.");
                return;
            case TurnOutcome.Busy:
                response.Headers.RetryAfter = "1";
                await WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "ConversationBusy",
                    "Another activity of this conversation is still being processed; send this one again shortly.");
                return;
            case TurnOutcome.DeliveryFailed:
                await WriteErrorAsync(response, StatusCodes.Status502BadGateway, "ChannelUnreachable",
                    "The bot's replies could not be delivered to the serviceUrl; send the activity again to have them sent again.");
                return;
        }
        if (expectReplies)
        {
            response.StatusCode = StatusCodes.Status200OK;
            await response.WriteAsJsonAsync(new ExpectedReplies(turn.Replies.ToList()), BotJson.Options, cancellationToken);
            return;
        }
        if (activity.IsType(ActivityTypes.Invoke))
        {
            response.StatusCode = turn.InvokeResponse?.Status ?? StatusCodes.Status501NotImplemented;
            if (turn.InvokeResponse?.Body is { } invokeBody)
            {
                await response.WriteAsJsonAsync(invokeBody, BotJson.Options, cancellationToken);
            }
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        await response.WriteAsJsonAsync(ErrorResponse.Of(code, message), BotJson.Options);
    }
}

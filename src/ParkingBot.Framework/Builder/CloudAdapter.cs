using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// Turns a POST to /api/messages into a turn, as Bot Framework's CloudAdapter does: validate, authenticate,
/// run the turn, deliver its replies to the channel's serviceUrl (or in the HTTP response for expectReplies).
/// Turns of one conversation run one at a time in this process. Replies are held until the turn has
/// finished, so a turn whose state save met a concurrent change elsewhere can run again without the
/// customer seeing its replies twice.
/// </summary>
public sealed class CloudAdapter : BotAdapter
{
    private const string OutboxKey = "CloudAdapter.Outbox";
    private readonly JwtTokenValidation _authentication;
    private readonly ConnectorClient _connector;
    private readonly ConversationLocks _locks;
    private readonly ILogger<CloudAdapter> _logger;
    private readonly CloudAdapterOptions _options;
    private readonly IReadOnlyList<IChannelDelivery> _inProcessChannels;

    public CloudAdapter(
        JwtTokenValidation authentication,
        ConnectorClient connector,
        ConversationLocks locks,
        IOptions<CloudAdapterOptions> options,
        ILogger<CloudAdapter> logger,
        IEnumerable<IMiddleware> middleware,
        IEnumerable<IChannelDelivery> inProcessChannels,
        IBotErrorHandler? errorHandler = null)
    {
        _inProcessChannels = inProcessChannels.ToList();
        _authentication = authentication;
        _connector = connector;
        _locks = locks;
        _logger = logger;
        _options = options.Value;
        if (errorHandler is not null)
        {
            OnTurnError = errorHandler.OnTurnErrorAsync;
        }
        foreach (var step in middleware)
        {
            Use(step);
        }
    }

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

        ClaimsIdentity identity;
        try
        {
            identity = await _authentication.AuthenticateRequestAsync(activity, request.Headers.Authorization, cancellationToken);
        }
        catch (UnauthorizedAccessException exception)
        {
            _logger.LogWarning("Rejected an activity: {Reason}", exception.Message);
            await WriteErrorAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message);
            return;
        }

        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        if (MissingProperty(activity, expectReplies) is { } missing)
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "MissingProperty", $"The activity has no {missing}.");
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation!.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityId"] = activity.Id,
        });
        if (!ActivityTypes.IsKnown(activity.Type))
        {
            _logger.LogInformation("Ignored an activity of unknown type {ActivityType}", activity.Type);
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        // callerId is never trusted from the wire (spec A2251).
        activity.CallerId = identity.IsAuthenticated ? CallerIdConstants.PublicAzureChannel : null;

        var turn = await RunTurnAsync(activity, bot.OnTurnAsync, cancellationToken);
        if (turn is null)
        {
            await WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "StateConflict",
                "The conversation's state kept changing concurrently; the activity was not processed.");
            return;
        }

        var outbox = Outbox(turn);
        if (expectReplies)
        {
            response.StatusCode = StatusCodes.Status200OK;
            await response.WriteAsJsonAsync(new ExpectedReplies(outbox), BotJson.Options, cancellationToken);
            return;
        }
        if (!await DeliverAsync(outbox, cancellationToken))
        {
            await WriteErrorAsync(response, StatusCodes.Status502BadGateway, "ChannelUnreachable", "The bot's replies could not be delivered to the serviceUrl.");
            return;
        }
        if (activity.IsType(ActivityTypes.Invoke))
        {
            var invokeResponse = turn.TurnState.Get<InvokeResponse>(InvokeResponse.TurnStateKey);
            response.StatusCode = invokeResponse?.Status ?? StatusCodes.Status501NotImplemented;
            if (invokeResponse?.Body is { } invokeBody)
            {
                await response.WriteAsJsonAsync(invokeBody, BotJson.Options, cancellationToken);
            }
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Runs a turn for an activity an in-process channel (the embedded Direct Line) received and has already
    /// authorized; the replies go back to that channel.
    /// </summary>
    public async Task<TurnOutcome> ProcessActivityAsync(Activity activity, IBot bot, CancellationToken cancellationToken = default)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation?.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityId"] = activity.Id,
        });
        var turn = await RunTurnAsync(activity, bot.OnTurnAsync, cancellationToken);
        if (turn is null)
        {
            return TurnOutcome.StateConflict;
        }
        return await DeliverAsync(Outbox(turn), cancellationToken) ? TurnOutcome.Done : TurnOutcome.DeliveryFailed;
    }

    public override async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        var activity = reference.ApplyTo(Activity.CreateEventActivity("ContinueConversation"), isIncoming: true);
        using var scope = _logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = reference.Conversation?.Id });
        var turn = await RunTurnAsync(activity, callback, cancellationToken)
            ?? throw new InvalidOperationException("The conversation's state kept changing concurrently.");
        if (!await DeliverAsync(Outbox(turn), cancellationToken))
        {
            throw new InvalidOperationException("The bot's messages could not be delivered to the serviceUrl.");
        }
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var outbox = Outbox(turnContext);
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            // Trace activities are for the Emulator only (spec A6150).
            if (!activity.IsType(ActivityTypes.Trace) || turnContext.Activity.ChannelId == Channels.Emulator)
            {
                outbox.Add(activity);
            }
            responses[i] = new ResourceResponse(null);
        }
        return Task.FromResult(responses);
    }

    private async Task<ITurnContext?> RunTurnAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var key = $"{activity.ChannelId}/{activity.Conversation!.Id}";
        using var held = await _locks.AcquireAsync(key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var turnContext = new TurnContext(this, activity.Clone());
            try
            {
                await RunPipelineAsync(turnContext, callback, cancellationToken);
                return turnContext;
            }
            catch (StorageConflictException exception) when (attempt <= _options.MaxConflictRetries)
            {
                _logger.LogWarning("State of {StateKey} changed concurrently; running the turn again (attempt {Attempt})", exception.Key, attempt + 1);
            }
            catch (StorageConflictException exception)
            {
                _logger.LogError(exception, "State of {StateKey} kept changing concurrently; gave up after {Attempts} attempts", exception.Key, attempt);
                return null;
            }
        }
    }

    private async Task<bool> DeliverAsync(IReadOnlyList<Activity> outbox, CancellationToken cancellationToken)
    {
        foreach (var activity in outbox)
        {
            try
            {
                if (_inProcessChannels.FirstOrDefault(c => c.Handles(activity)) is { } channel)
                {
                    await channel.SendAsync(activity, cancellationToken);
                }
                else
                {
                    await _connector.SendAsync(activity, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                _logger.LogError(exception, "Could not deliver a {ActivityType} activity to the channel", activity.Type);
                return false;
            }
        }
        return true;
    }

    private static List<Activity> Outbox(ITurnContext turnContext) => turnContext.TurnState.GetOrAdd(OutboxKey, () => new List<Activity>());

    private static string? MissingProperty(Activity activity, bool expectReplies)
    {
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return "conversation.id";
        }
        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            return "channelId";
        }
        if (!expectReplies && !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _))
        {
            return "valid serviceUrl";
        }
        return null;
    }

    private static async Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        await response.WriteAsJsonAsync(ErrorResponse.Of(code, message), BotJson.Options);
    }
}

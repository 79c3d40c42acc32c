using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Telemetry;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// Runs every turn, whatever channel it came from, so that channel adapters only translate payloads:
/// refuses activities it cannot key, takes the conversation's lock, answers an activity it has already taken
/// with that turn's replies, runs the middleware and the bot holding their replies, writes the turn's state
/// and the record of its replies in one storage write (running the turn again when that write meets a
/// concurrent change), then delivers the replies through the channel that handles them. A channel that keeps its
/// deliveries in the state's database (<see cref="ICommittedDelivery"/>) gets them in that same write.
/// </summary>
public sealed class TurnRunner : BotAdapter
{
    private const string OutboxKey = "TurnRunner.Outbox";
    /// <summary>The turn key of a turn whose replies go back to the caller: nothing is staged for a channel.</summary>
    private const string NotDelivered = "\0";
    private readonly IConversationLock _lock;
    private readonly IStorage _storage;
    private readonly TurnJournal _journal;
    private readonly IReadOnlyList<IChannelDelivery> _channels;
    private readonly ConnectorDelivery _connector;
    private readonly TurnRunnerOptions _options;
    private readonly ILogger<TurnRunner> _logger;

    public TurnRunner(
        IConversationLock conversationLock,
        IStorage storage,
        TurnJournal journal,
        IEnumerable<IChannelDelivery> channels,
        ConnectorDelivery connector,
        IOptions<TurnRunnerOptions> options,
        ILogger<TurnRunner> logger,
        IEnumerable<IMiddleware> middleware,
        IBotErrorHandler? errorHandler = null)
    {
        _lock = conversationLock;
        _storage = storage;
        _journal = journal;
        _channels = channels.ToList();
        _connector = connector;
        _options = options.Value;
        _logger = logger;
        if (errorHandler is not null)
        {
            OnTurnError = errorHandler.OnTurnErrorAsync;
        }
        foreach (var step in middleware)
        {
            Use(step);
        }
    }

    public Task<TurnResult> RunAsync(Activity activity, BotCallbackHandler callback, TurnDelivery delivery, CancellationToken cancellationToken = default) =>
        RunAsync(activity, callback, delivery, TurnJournal.Journals(activity), cancellationToken);

    /// <summary>One turn as operators see it: a span (its conversation masked) and the turn's count and duration by channel.</summary>
    private async Task<TurnResult> RunAsync(Activity activity, BotCallbackHandler callback, TurnDelivery delivery, bool journaled, CancellationToken cancellationToken)
    {
        using var span = BotTelemetry.Source.StartActivity("ParkingBot.Turn");
        span?.SetTag("parkingbot.channel", activity.ChannelId);
        span?.SetTag("parkingbot.conversation", ConversationEvent.Anonymize(activity.ChannelId ?? "", activity.Conversation?.Id ?? ""));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await RunTurnAsync(activity, callback, delivery, journaled, cancellationToken);
        var channel = new KeyValuePair<string, object?>("channel", activity.ChannelId ?? "");
        BotTelemetry.Turns.Add(1, channel, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        BotTelemetry.TurnDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, channel);
        span?.SetTag("parkingbot.outcome", result.Outcome.ToString());
        return result;
    }

    private async Task<TurnResult> RunTurnAsync(Activity activity, BotCallbackHandler callback, TurnDelivery delivery, bool journaled, CancellationToken cancellationToken)
    {
        if (Problem(activity, delivery) is { } problem)
        {
            return new TurnResult(TurnOutcome.Refused, [], Refusal: problem);
        }
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation!.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityId"] = activity.Id,
        });
        await using var held = await AcquireAsync($"{activity.ChannelId}/{activity.Conversation.Id}", cancellationToken);
        if (held is null)
        {
            _logger.LogWarning("The conversation stayed locked by another turn for {Timeout}; the activity was not processed", _options.ConversationLockTimeout);
            return new TurnResult(TurnOutcome.Busy, []);
        }
        // A journaled turn's replies are keyed by its activity, so a replay delivers each at most once where the channel can tell.
        var turnKey = journaled ? activity.Id : null;
        var turn = await RunHeldAsync(activity, callback, journaled, delivery == TurnDelivery.ToChannel ? turnKey : NotDelivered, cancellationToken);
        if (turn.Outcome != TurnOutcome.Done || delivery == TurnDelivery.ToCaller)
        {
            return turn;
        }
        // Delivered under the lock, so the replies of one conversation reach the channel in the order of its turns.
        using var delivering = BotTelemetry.Source.StartActivity("ParkingBot.Deliver");
        return await DeliverAsync(turnKey, turn.Replies, staged: !turn.Replayed, cancellationToken) ? turn : turn with { Outcome = TurnOutcome.DeliveryFailed };
    }

    /// <summary>The conversation's lock, or null when the previous turn held it past the timeout.</summary>
    private async Task<IAsyncDisposable?> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConversationLockTimeout);
        try
        {
            return await _lock.AcquireAsync(conversationKey, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Runs a turn that does not come from the user (agent relay, proactive messages) and delivers what it sends.</summary>
    /// <exception cref="ChannelDeliveryException">The customer's channel could not be reached; the turn's state was saved.</exception>
    public override async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        var activity = reference.ApplyTo(Activity.CreateEventActivity("ContinueConversation"), isIncoming: true);
        // Not journaled: its id is the conversation's last activity's (the replies address it), not a new activity.
        var result = await RunAsync(activity, callback, TurnDelivery.ToChannel, journaled: false, cancellationToken);
        switch (result.Outcome)
        {
            case TurnOutcome.Refused:
                throw new ChannelDeliveryException($"The conversation reference cannot be used: {result.Refusal!.Reason}");
            case TurnOutcome.StateConflict:
                throw new InvalidOperationException("The conversation's state kept changing concurrently.");
            case TurnOutcome.Busy:
                throw new InvalidOperationException("The conversation stayed busy with another turn.");
            case TurnOutcome.DeliveryFailed:
                throw new ChannelDeliveryException("The bot's messages could not be delivered to the customer's channel.");
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

    /// <param name="turnKey">What the replies' delivery keys start with (null: no keys), or <see cref="NotDelivered"/>.</param>
    private async Task<TurnResult> RunHeldAsync(Activity activity, BotCallbackHandler callback, bool journaled, string? turnKey, CancellationToken cancellationToken)
    {
        var memo = new TurnMemo();
        for (var attempt = 1; ; attempt++)
        {
            using var turnContext = new TurnContext(this, activity.Clone());
            var commit = new TurnCommit();
            turnContext.TurnState[TurnCommit.TurnStateKey] = commit;
            turnContext.TurnState[TurnMemo.TurnStateKey] = memo;
            if (journaled)
            {
                turnContext.TurnState[IdempotencyKeys.TurnStateKey] = IdempotencyKeys.Turn(activity);
            }
            try
            {
                if (journaled && await _journal.FindAsync(turnContext, cancellationToken) is { } first)
                {
                    var replayed = first.Activities();
                    _logger.LogInformation("The activity was taken before; its {Count} replies are sent again", replayed.Count);
                    return new TurnResult(TurnOutcome.Done, replayed, Replayed: true);
                }
                await RunPipelineAsync(turnContext, callback, cancellationToken);
                var replies = Outbox(turnContext);
                if (journaled)
                {
                    await _journal.RecordAsync(turnContext, replies, cancellationToken);
                }
                if (!ReferenceEquals(turnKey, NotDelivered))
                {
                    StageCommittedDeliveries(commit, turnKey, replies);
                }
                using (BotTelemetry.Source.StartActivity("ParkingBot.Commit"))
                {
                    await commit.WriteAsync(_storage, cancellationToken);
                }
                return new TurnResult(TurnOutcome.Done, replies, turnContext.TurnState.Get<InvokeResponse>(InvokeResponse.TurnStateKey));
            }
            catch (StorageConflictException exception) when (attempt <= _options.MaxConflictRetries)
            {
                _logger.LogWarning("State of {StateKey} changed concurrently; running the turn again (attempt {Attempt})", exception.Key, attempt + 1);
            }
            catch (StorageConflictException exception)
            {
                _logger.LogError(exception, "State of {StateKey} kept changing concurrently; gave up after {Attempts} attempts", exception.Key, attempt);
                return new TurnResult(TurnOutcome.StateConflict, []);
            }
        }
    }

    /// <summary>Replies for a channel that keeps its deliveries in a database are written in the turn's commit.</summary>
    private void StageCommittedDeliveries(TurnCommit commit, string? turnKey, IReadOnlyList<Activity> replies)
    {
        // Most turns have no such channel (Connector, the caller): nothing is allocated for them.
        Dictionary<ICommittedDelivery, List<(Activity, string?)>>? staged = null;
        for (var i = 0; i < replies.Count; i++)
        {
            if (ChannelFor(replies[i]) is ICommittedDelivery channel)
            {
                staged ??= [];
                (staged.TryGetValue(channel, out var list) ? list : staged[channel] = []).Add((replies[i], DeliveryKey(turnKey, i)));
            }
        }
        foreach (var (channel, channelReplies) in staged ?? [])
        {
            channel.Stage(commit, channelReplies);
        }
    }

    /// <param name="staged">Whether replies for an <see cref="ICommittedDelivery"/> were written in the turn's commit (not a replay).</param>
    private async Task<bool> DeliverAsync(string? turnKey, IReadOnlyList<Activity> replies, bool staged, CancellationToken cancellationToken)
    {
        HashSet<(ICommittedDelivery Channel, string ConversationId)>? committed = null;
        try
        {
            for (var i = 0; i < replies.Count; i++)
            {
                var channel = ChannelFor(replies[i]);
                if (staged && channel is ICommittedDelivery inCommit)
                {
                    (committed ??= []).Add((inCommit, replies[i].Conversation!.Id!));
                    if (!replies[i].IsType(ActivityTypes.Typing))
                    {
                        continue;
                    }
                }
                await channel.SendAsync(replies[i].Clone(), DeliveryKey(turnKey, i), cancellationToken);
            }
            foreach (var (channel, conversationId) in committed ?? [])
            {
                await channel.CommittedAsync(conversationId, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is ChannelDeliveryException or HttpRequestException or TaskCanceledException)
        {
            _logger.LogError(exception, "Could not deliver the turn's replies to the channel");
            return false;
        }
        return true;
    }

    private IChannelDelivery ChannelFor(Activity reply) => _channels.FirstOrDefault(c => c.Handles(reply)) ?? _connector;

    private static string? DeliveryKey(string? turnKey, int index) => turnKey is null ? null : $"{turnKey}#{index}";

    private TurnRefusal? Problem(Activity activity, TurnDelivery delivery)
    {
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return TurnRefusal.Missing("conversation.id");
        }
        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            return TurnRefusal.Missing("channelId");
        }
        foreach (var (name, value) in new[] { ("conversation.id", activity.Conversation.Id), ("from.id", activity.From?.Id), ("id", activity.Id), ("channelId", activity.ChannelId) })
        {
            if (value?.Length > _options.MaxIdLength)
            {
                return TurnRefusal.Invalid($"The activity's {name} is longer than {_options.MaxIdLength} characters.");
            }
        }
        // An attachment link is opened by agents in the console: only web addresses, never javascript:, data: or file:.
        if (activity.Attachments?.FirstOrDefault(a => a.ContentUrl is not null && !ConnectorDelivery.IsValidServiceUrl(a.ContentUrl)) is { } unsafeLink)
        {
            return TurnRefusal.Invalid($"The attachment '{unsafeLink.Name}' has a contentUrl that is not an http or https URL.");
        }
        var inProcess = _channels.Any(c => c.Handles(activity));
        if (delivery == TurnDelivery.ToChannel && !inProcess && !ConnectorDelivery.IsValidServiceUrl(activity.ServiceUrl))
        {
            return TurnRefusal.Missing("valid serviceUrl (an absolute http or https URL)");
        }
        return null;
    }

    private static List<Activity> Outbox(ITurnContext turnContext) => turnContext.TurnState.GetOrAdd(OutboxKey, () => new List<Activity>());
}

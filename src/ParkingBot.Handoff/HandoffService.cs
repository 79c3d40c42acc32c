using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ParkingBot.Data;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Telemetry;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Queue;
using ParkingBot.Handoff.Relay;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Handoff;

public enum AgentActionResult
{
    Done,

    /// <summary>Done and stored, but the customer's channel could not be reached (their chat shows it when they come back, if the channel keeps a log).</summary>
    DoneCustomerNotReached,
    NotFound,
    AlreadyTaken,
    NotYours,
    Closed,

    /// <summary>The case's customer talks to agents in their channel's own chat (KakaoTalk): nothing is sent through the bot.</summary>
    RepliesInChannelChat,

    /// <summary>A case cannot be transferred to the agent who has it.</summary>
    SameAgent,
}

/// <summary>
/// The whole handoff loop: a dialog opens a case (with the Bot Framework handoff.initiate event), the customer's
/// messages go to the case while it is open, agents claim, chat and resolve (handoff.status), and the bot resumes.
/// The adapter is lazy because it runs this service's middleware: each needs the other.
/// </summary>
public sealed class HandoffService(
    IHandoffCaseStore store,
    ConversationTranscripts transcripts,
    CaseEvents events,
    IHandoffCustomerMessages customerMessages,
    INotificationSender notifications,
    ConversationEvents outcomes,
    ITextMasker masker,
    AgentHours hours,
    Lazy<BotAdapter> adapter,
    TimeProvider timeProvider,
    ILogger<HandoffService> logger)
{
    /// <summary>channelData property that marks a message written by an agent.</summary>
    public const string AgentMarker = "agentName";

    /// <summary>channelData property with the agent as the customer sees them named (e.g. 김하늘 상담원).</summary>
    public const string AgentTitleMarker = "agentTitle";

    /// <summary>
    /// Opens a case for the conversation, or finds the one it already has (a conversation has at most one open case,
    /// and a turn run again opens none), and tells the channel (handoff.initiate).
    /// </summary>
    public async Task<HandoffCase> OpenCaseAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var openedBy = IdempotencyKeys.For(turnContext, "handoff.open");
        var handoffCase = new HandoffCase($"H{Guid.NewGuid():N}"[..10].ToUpperInvariant(), activity.GetConversationReference(), request.Flow,
            request.Category, request.Reasons, request.Summary, request.Slots, timeProvider.GetUtcNow())
        {
            OpenedBy = openedBy,
            RepliesInChannelChat = Channels.HasOwnAgentChat(activity.ChannelId),
        };
        handoffCase.AddAttachments(request.Attachments);
        var written = await transcripts.ReadAsync(ConversationKey.Of(activity), cancellationToken);
        var writtenKeys = written.Select(entry => entry.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var entry in written.Concat(TranscriptMiddleware.Pending(turnContext).Where(entry => entry.Key is null || !writtenKeys.Contains(entry.Key))))
        {
            handoffCase.Record(entry);
        }
        var created = await store.CreateAsync(handoffCase, openedBy, cancellationToken);
        if (!created.Created)
        {
            logger.LogInformation("The conversation already has handoff case {CaseId}; no second case is opened", created.Stored.Case.Id);
            handoffCase = created.Stored.Case;
        }
        else
        {
            logger.LogInformation("Opened handoff case {CaseId} for {Flow} ({Reasons})", handoffCase.Id, request.Flow, string.Join(",", request.Reasons));
            foreach (var reason in handoffCase.Reasons)
            {
                BotTelemetry.Handoffs.Add(1, new KeyValuePair<string, object?>("flow", handoffCase.Flow), new KeyValuePair<string, object?>("reason", reason.ToString()));
            }
            await events.PublishAsync(new CaseEvent(CaseEvent.Opened, handoffCase.Id, handoffCase.Status, null), cancellationToken);
        }
        // Recorded however often the turn runs (the event's key is the case's): a run after a conflict finds the case made.
        await RecordAsync(turnContext, handoffCase, ConversationEventKinds.HandoffOpened, e => e with
        {
            At = handoffCase.CreatedAt, Reason = string.Join(",", handoffCase.Reasons), Detail = handoffCase.Category,
        }, cancellationToken);
        await turnContext.SendActivityAsync(HandoffEvents.Initiate(handoffCase), cancellationToken);
        return handoffCase;
    }

    /// <summary>Sends the flow's waiting message, told plainly as waiting for an agent, with the customer's place in the queue and the 상담 취소 button.</summary>
    public async Task TellWaitingAsync(ITurnContext turnContext, HandoffCase handoffCase, Activity flowMessage, CancellationToken cancellationToken = default) =>
        await turnContext.SendActivityAsync(customerMessages.Waiting(flowMessage, await StandingAsync(handoffCase, cancellationToken)), cancellationToken);

    /// <summary>Where the case stands in the queue now, and whether agents are working at this hour.</summary>
    public async Task<QueueStanding> StandingAsync(HandoffCase handoffCase, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var cases = await store.ListRecentAsync(now - QueueStanding.Window, cancellationToken);
        return QueueStanding.Of(handoffCase, cases, now) with { OutOfHours = !hours.IsOpen(now) };
    }

    /// <summary>
    /// If the conversation has an open case, the message is the agent's: record it (with what it attaches), or leave the
    /// queue (asking first when back-office work would go on), and say so.
    /// </summary>
    public async Task<bool> TryRelayCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        // As this activity's first run found it: a run again after a conflict still relays to the case its first run saw.
        if (await TurnMemo.GetOrReadAsync(turnContext, "handoff.openCase", () => store.FindOpenAsync(activity.ChannelId ?? "", activity.Conversation?.Id ?? "", cancellationToken)) is not { } stored
            || (stored.Case.OpenedBy is { } openedBy && openedBy == IdempotencyKeys.For(turnContext, "handoff.open")))
        {
            // No case, or the case this very activity opened in a run that did not finish: the bot runs the turn again.
            return false;
        }
        var openCase = stored.Case;
        if (openCase.CancelAsked && customerMessages.YesOrNo(activity.Text) is { } leave)
        {
            if (leave)
            {
                await CancelAsync(turnContext, openCase, cancellationToken);
            }
            else
            {
                await ChangeAsync(openCase.Id, c => { c.AskCancel(false); return AgentActionResult.Done; }, cancellationToken);
                await turnContext.SendActivityAsync(customerMessages.KeepWaiting(await StandingAsync(openCase, cancellationToken)), cancellationToken);
            }
            return true;
        }
        if (customerMessages.IsCancelRequest(activity.Text))
        {
            if (openCase.BackOfficeWork.Count > 0 && !openCase.CancelAsked)
            {
                await ChangeAsync(openCase.Id, c => { c.AskCancel(true); return AgentActionResult.Done; }, cancellationToken);
                await turnContext.SendActivityAsync(customerMessages.ConfirmCancel(openCase.BackOfficeWork), cancellationToken);
            }
            else
            {
                await CancelAsync(turnContext, openCase, cancellationToken);
            }
            return true;
        }
        var entry = TranscriptEntries.From(activity, TranscriptSender.Customer, masker, timeProvider) with { Key = IdempotencyKeys.For(turnContext, "transcript.in") };
        var recorded = await ChangeAsync(stored.Case.Id, c =>
        {
            // Anything else said after 상담 취소 is a message: the question is dropped.
            c.AskCancel(false);
            c.Record(entry);
            return AgentActionResult.Done;
        }, cancellationToken);
        await events.PublishAsync(new CaseEvent(CaseEvent.CustomerMessage, stored.Case.Id, stored.Case.Status, stored.Case.AgentId, entry.Text), cancellationToken);
        if (recorded.Case is { Status: HandoffStatus.Queued } queued)
        {
            await turnContext.SendActivityAsync(customerMessages.StillWaiting(await StandingAsync(queued, cancellationToken)), cancellationToken);
        }
        return true;
    }

    /// <summary>The customer stops waiting: the case is cancelled, or kept as a follow-up when back-office work goes on.</summary>
    private async Task CancelAsync(ITurnContext turnContext, HandoffCase openCase, CancellationToken cancellationToken)
    {
        var turnKey = IdempotencyKeys.For(turnContext, "handoff.cancel");
        var cancelled = await ChangeAsync(openCase.Id, c => c.CancelByCustomer(timeProvider.GetUtcNow(), turnKey) == TransitionRefusal.None ? AgentActionResult.Done : AgentActionResult.Closed, cancellationToken);
        if (cancelled.Result != AgentActionResult.Done)
        {
            return;
        }
        var left = cancelled.Case!;
        var goesOn = left.Status == HandoffStatus.FollowUp ? left.BackOfficeWork : [];
        logger.LogInformation(goesOn.Count > 0 ? "The customer left handoff case {CaseId}; its back-office work goes on as a follow-up" : "The customer cancelled handoff case {CaseId}", left.Id);
        await RecordAsync(turnContext, left, ConversationEventKinds.HandoffCancelled, e => e with
        {
            DurationMs = Milliseconds(left.CreatedAt, timeProvider.GetUtcNow()), Detail = goesOn.Count > 0 ? "followUp" : null,
        }, cancellationToken);
        await turnContext.SendActivitiesAsync([HandoffEvents.Status("completed", "cancelled by the customer"), customerMessages.Cancelled(goesOn)], cancellationToken);
    }

    public async Task<AgentActionResult> ClaimAsync(string caseId, string agentId, string agentName, CancellationToken cancellationToken = default)
    {
        var (result, handoffCase) = await ChangeAsync(caseId, c => c.Assign(agentId, agentName, timeProvider.GetUtcNow()) switch
        {
            TransitionRefusal.None => AgentActionResult.Done,
            TransitionRefusal.NotQueued => AgentActionResult.AlreadyTaken,
            _ => AgentActionResult.Closed,
        }, cancellationToken);
        if (result == AgentActionResult.Done)
        {
            logger.LogInformation("Agent {AgentId} claimed handoff case {CaseId}", agentId, caseId);
            BotTelemetry.CaseWait.Record(((handoffCase!.AssignedAt ?? timeProvider.GetUtcNow()) - handoffCase.CreatedAt).TotalSeconds);
            await RecordAsync(null, handoffCase!, ConversationEventKinds.HandoffClaimed, e => e with
            {
                At = handoffCase!.AssignedAt ?? e.At, DurationMs = Milliseconds(handoffCase.CreatedAt, handoffCase.AssignedAt),
            }, cancellationToken);
        }
        if (result == AgentActionResult.Done && !await ReachCustomerAsync(handoffCase!, (context, ct) =>
                context.SendActivitiesAsync([HandoffEvents.Status("accepted"), customerMessages.AgentJoined(agentName)], ct), cancellationToken))
        {
            return AgentActionResult.DoneCustomerNotReached;
        }
        return result;
    }

    public async Task<AgentActionResult> SendAgentMessageAsync(string caseId, string agentId, string text, CancellationToken cancellationToken = default)
    {
        var (result, handoffCase) = await ChangeAsync(caseId, c =>
        {
            if (!c.IsOpen)
            {
                return AgentActionResult.Closed;
            }
            if (c.AgentId != agentId)
            {
                return AgentActionResult.NotYours;
            }
            if (c.RepliesInChannelChat)
            {
                return AgentActionResult.RepliesInChannelChat;
            }
            c.Record(new TranscriptEntry(timeProvider.GetUtcNow(), TranscriptSender.Agent, c.AgentName!, text));
            return AgentActionResult.Done;
        }, cancellationToken);
        if (result == AgentActionResult.Done && !await ReachCustomerAsync(handoffCase!, (context, ct) =>
            {
                // The customer sees the agent's display name on the message (the bot's account, the agent's name).
                context.OnSendActivities((_, activities, next) =>
                {
                    activities.ForEach(a => a.From = new ChannelAccount(a.From?.Id ?? "", handoffCase!.AgentName, RoleTypes.Bot));
                    return next();
                });
                return context.SendActivityAsync(AgentMessage(text, handoffCase!.AgentName!, customerMessages.AgentTitle(handoffCase.AgentName!)), ct);
            }, cancellationToken))
        {
            return AgentActionResult.DoneCustomerNotReached;
        }
        return result;
    }

    /// <summary>Closes the case, tells the channel (handoff.status completed), queues the follow-up, and hands the conversation back to the bot.</summary>
    public async Task<AgentActionResult> ResolveAsync(string caseId, string agentId, string agentName, string note, string? followUp, CancellationToken cancellationToken = default)
    {
        // The follow-up is queued in the same write as the resolve: a resolved case never lacks the follow-up its agent wrote.
        var inChat = false;
        var (result, handoffCase) = await ChangeAsync(caseId, c =>
        {
            inChat = c.IsOpen;
            return c.Resolve(agentId, agentName, note, timeProvider.GetUtcNow()) switch
            {
                TransitionRefusal.None => AgentActionResult.Done,
                TransitionRefusal.NotAssignedToThisAgent => AgentActionResult.NotYours,
                _ => AgentActionResult.Closed,
            };
        }, cancellationToken, string.IsNullOrWhiteSpace(followUp) ? null : c => [notifications.Queue(new Notification(c.Id, c.Conversation.User?.Id ?? "", followUp))]);
        if (result != AgentActionResult.Done)
        {
            return result;
        }
        logger.LogInformation("Agent {AgentId} resolved handoff case {CaseId}", agentId, caseId);
        await RecordAsync(null, handoffCase!, ConversationEventKinds.HandoffResolved, e => e with
        {
            At = handoffCase!.ClosedAt ?? e.At, DurationMs = Milliseconds(handoffCase.AssignedAt ?? handoffCase.CreatedAt, handoffCase.ClosedAt),
        }, cancellationToken);
        if (!string.IsNullOrWhiteSpace(followUp))
        {
            logger.LogInformation("Follow-up of handoff case {CaseId} queued for delivery", caseId);
            notifications.Queued();
        }
        if (!inChat)
        {
            // A follow-up case: the customer left the chat and has the bot again; the answer goes by text.
            return result;
        }
        var reached = await ReachCustomerAsync(handoffCase!, async (context, ct) =>
        {
            await context.SendActivitiesAsync([HandoffEvents.Status("completed"), customerMessages.AgentFinished(!string.IsNullOrWhiteSpace(followUp))], ct);
            await customerMessages.ResumeBotAsync(context, ct);
        }, cancellationToken);
        return reached ? result : AgentActionResult.DoneCustomerNotReached;
    }

    /// <summary>The agent gives the case back to the queue; the customer is told they wait again.</summary>
    public async Task<AgentActionResult> ReleaseAsync(string caseId, string agentId, CancellationToken cancellationToken = default)
    {
        var (result, handoffCase) = await ChangeAsync(caseId, c => Refused(c.Release(agentId)), cancellationToken);
        if (result != AgentActionResult.Done)
        {
            return result;
        }
        logger.LogInformation("Agent {AgentId} released handoff case {CaseId} to the queue", agentId, caseId);
        var standing = await StandingAsync(handoffCase!, cancellationToken);
        return await ReachCustomerAsync(handoffCase!, (context, ct) => context.SendActivityAsync(customerMessages.Requeued(standing), ct), cancellationToken)
            ? result : AgentActionResult.DoneCustomerNotReached;
    }

    /// <summary>The agent hands the case to another agent, whom the customer is told about.</summary>
    public async Task<AgentActionResult> TransferAsync(string caseId, string agentId, string toAgentId, string toAgentName, CancellationToken cancellationToken = default)
    {
        var (result, handoffCase) = await ChangeAsync(caseId, c => Refused(c.Transfer(agentId, toAgentId, toAgentName, timeProvider.GetUtcNow())), cancellationToken);
        if (result != AgentActionResult.Done)
        {
            return result;
        }
        logger.LogInformation("Agent {AgentId} transferred handoff case {CaseId} to agent {ToAgentId}", agentId, caseId, toAgentId);
        return await ReachCustomerAsync(handoffCase!, (context, ct) => context.SendActivityAsync(customerMessages.AgentJoined(toAgentName), ct), cancellationToken)
            ? result : AgentActionResult.DoneCustomerNotReached;
    }

    /// <summary>A note for agents on a case they may see; the customer never sees it.</summary>
    public async Task<AgentActionResult> AddNoteAsync(string caseId, string agentId, string agentName, string text, bool supervisor, CancellationToken cancellationToken = default) =>
        (await ChangeAsync(caseId, c =>
        {
            if (!CaseViews.MaySee(c, agentId, supervisor))
            {
                return AgentActionResult.NotYours;
            }
            c.AddNote(new CaseNote(timeProvider.GetUtcNow(), agentId, agentName, text));
            return AgentActionResult.Done;
        }, cancellationToken)).Result;

    /// <summary>The cases an agent's console lists: every case still to be worked and those of the last day.</summary>
    public async Task<IReadOnlyList<HandoffCase>> RecentCasesAsync(string agentId, bool supervisor, CancellationToken cancellationToken = default) =>
        [.. (await store.ListRecentAsync(timeProvider.GetUtcNow() - CaseViews.ClosedKept, cancellationToken)).Where(c => CaseViews.MaySee(c, agentId, supervisor))];

    private static AgentActionResult Refused(TransitionRefusal refusal) => refusal switch
    {
        TransitionRefusal.None => AgentActionResult.Done,
        TransitionRefusal.NotAssignedToThisAgent => AgentActionResult.NotYours,
        TransitionRefusal.SameAgent => AgentActionResult.SameAgent,
        _ => AgentActionResult.Closed,
    };

    /// <summary>A case the agent may see (<see cref="CaseViews.MaySee"/>).</summary>
    public async Task<HandoffCase?> CaseForAgentAsync(string caseId, string agentId, bool supervisor = false, CancellationToken cancellationToken = default) =>
        await store.GetAsync(caseId, cancellationToken) is { Case: var c } && CaseViews.MaySee(c, agentId, supervisor) ? c : null;

    /// <summary>Runs a turn in the customer's conversation; false when their channel could not be reached (what the agent did stays done).</summary>
    private async Task<bool> ReachCustomerAsync(HandoffCase handoffCase, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await adapter.Value.ContinueConversationAsync(handoffCase.Conversation, callback, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is ChannelDeliveryException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Could not reach the customer of handoff case {CaseId}", handoffCase.Id);
            return false;
        }
    }

    /// <summary>Reads, changes and saves a case; a concurrent change makes it read again and decide again.</summary>
    /// <param name="alongside">Rows written in the same transaction as the changed case (made from it).</param>
    private async Task<(AgentActionResult Result, HandoffCase? Case)> ChangeAsync(string caseId, Func<HandoffCase, AgentActionResult> change, CancellationToken cancellationToken,
        Func<HandoffCase, IReadOnlyList<SqlStatement>>? alongside = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await store.GetAsync(caseId, cancellationToken) is not { } stored)
            {
                return (AgentActionResult.NotFound, null);
            }
            var result = change(stored.Case);
            if (result != AgentActionResult.Done)
            {
                return (result, stored.Case);
            }
            try
            {
                await store.SaveAsync(stored.Case, stored.ETag, alongside?.Invoke(stored.Case) ?? [], cancellationToken);
                await events.PublishAsync(new CaseEvent(CaseEvent.Changed, caseId, stored.Case.Status, stored.Case.AgentId), cancellationToken);
                return (result, stored.Case);
            }
            catch (HandoffConflictException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// A case's step in the outcome record, keyed by the case so it is kept once. In a turn it commits with the turn; an
    /// agent's action is already stored when it is recorded, and a record that cannot be written never undoes it.
    /// </summary>
    private async Task RecordAsync(ITurnContext? turnContext, HandoffCase handoffCase, string kind, Func<ConversationEvent, ConversationEvent> details,
        CancellationToken cancellationToken)
    {
        var channel = handoffCase.Conversation.ChannelId ?? "";
        var recorded = details(new ConversationEvent($"{handoffCase.Id}:{kind}", timeProvider.GetUtcNow(), kind,
            ConversationEvent.Anonymize(channel, handoffCase.Conversation.Conversation?.Id ?? ""), channel) { Flow = handoffCase.Flow });
        if (turnContext is not null && TurnCommit.Of(turnContext) is { } commit)
        {
            commit.Add(outcomes.Database, outcomes.Append([recorded]));
            return;
        }
        try
        {
            await outcomes.WriteAsync(outcomes.Append([recorded]), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not record {Kind} of handoff case {CaseId}", kind, handoffCase.Id);
        }
    }

    private static long? Milliseconds(DateTimeOffset from, DateTimeOffset? to) => to is { } end ? (long)(end - from).TotalMilliseconds : null;

    private static Activity AgentMessage(string text, string agentName, string agentTitle)
    {
        var message = Activity.CreateMessageActivity(text);
        message.ChannelData = new JsonObject { [AgentMarker] = agentName, [AgentTitleMarker] = agentTitle };
        return message;
    }
}

using Microsoft.Extensions.Options;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Telemetry;
using ParkingBot.Handoff.Relay;

namespace ParkingBot.Dialogs.Outcomes;

/// <summary>
/// The router's side of the outcome record: what it decided in a turn (a topic started and how, the flow's ending, the
/// customer stopping, the closing answer, a rating) becomes events, written with the turn's state in its one commit. The
/// flows only say how they ended (<see cref="FlowOutcome"/>); quiet is noticed here when the customer comes back and by
/// the <see cref="OutcomeSweeper"/> when they do not.
/// </summary>
public sealed class ConversationOutcomes(ConversationState conversationState, ConversationEvents store, WatchWriter watches, IOptions<OutcomeOptions> options,
    ITextMasker masker, TimeProvider timeProvider)
{
    private const string TurnStateKey = "outcomes.turn";
    private readonly IStatePropertyAccessor<ConversationWatch> _watch = conversationState.CreateProperty<ConversationWatch>("outcomes");

    /// <summary>What this turn records, and what the router said ended the flow under way.</summary>
    private sealed class OutcomeTurn(ConversationWatch watch, DateTimeOffset now)
    {
        public ConversationWatch Watch { get; } = watch;
        public DateTimeOffset Now { get; } = now;
        public List<ConversationEvent> Events { get; } = [];
        public List<CustomerRemark> Remarks { get; } = [];
        public (FlowEnding Ending, string? Reason)? Stop { get; set; }
        public string? SessionEnd { get; set; }
        public int Sequence { get; set; }
    }

    /// <summary>A customer's message begins a turn: quiet since the last one is accounted for, a session starts if none is under way.</summary>
    public async Task BeginTurnAsync(ITurnContext turnContext, bool afterHandoff, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var now = timeProvider.GetUtcNow();
        var watch = await _watch.GetAsync(turnContext, () => new ConversationWatch
        {
            Conversation = ConversationEvent.Anonymize(activity.ChannelId ?? "", activity.Conversation?.Id ?? ""),
            Channel = activity.ChannelId ?? "",
        }, cancellationToken);
        var turn = new OutcomeTurn(watch, now);
        turnContext.TurnState[TurnStateKey] = turn;
        turn.Events.AddRange(watch.Lapse(now, options.Value));
        if (watch.Session is null)
        {
            watch.Session = NewId(turnContext, turn, "session");
            watch.CsatAsked = false;
            watch.SessionAfterHandoff = afterHandoff;
            turn.Events.Add(watch.Event($"{watch.Session}:start", now, ConversationEventKinds.ConversationStarted) with { Detail = afterHandoff ? "afterHandoff" : null });
        }
        if (watch.Run is { } run)
        {
            run.Turns++;
        }
        watch.LastTurnAt = now;
    }

    /// <summary>The router started a topic's flow (<paramref name="how"/>: <see cref="TopicChoices"/>).</summary>
    public void TopicStarted(ITurnContext turnContext, string flow, string how, string? version)
    {
        if (Turn(turnContext) is not { } turn)
        {
            return;
        }
        EndRun(turn, FlowEnding.Cancelled, "newTopic");
        turn.Watch.Awaiting = null;
        StartRun(turnContext, turn, flow, how, version);
    }

    /// <summary>A flow ended on its own, as it says.</summary>
    public void FlowEnded(ITurnContext turnContext, FlowOutcome outcome)
    {
        if (Turn(turnContext) is { } turn)
        {
            EndRun(turn, outcome.Ending, outcome.Reason);
            turn.SessionEnd = outcome.HandedOff ? "handedOff" : turn.SessionEnd;
        }
    }

    /// <summary>
    /// The router ended what was under way: the customer stopped or started over (Cancelled), or asked for a person
    /// (HandedOff). Applies to the flow under way when the turn ends, if it is gone by then.
    /// </summary>
    public void Stopped(ITurnContext turnContext, FlowEnding ending, string? reason, string sessionEnd)
    {
        if (Turn(turnContext) is { } turn)
        {
            turn.Stop = (ending, reason);
            turn.SessionEnd = sessionEnd;
        }
    }

    /// <summary>"더 궁금하신 점" answered: no confirms the answer the customer got (verified); yes moves on.</summary>
    public void ClosingAnswered(ITurnContext turnContext, bool wantsMore)
    {
        if (Turn(turnContext) is not { } turn)
        {
            return;
        }
        if (!wantsMore && turn.Watch.Awaiting is { } awaiting)
        {
            turn.Events.Add(turn.Watch.Resolution(awaiting, Resolutions.Verified, turn.Now));
        }
        turn.Watch.Awaiting = null;
        turn.SessionEnd = wantsMore ? null : "closed";
    }

    /// <summary>Whether the rating may be asked (once a session); marks it asked.</summary>
    public bool AskCsatOnce(ITurnContext turnContext)
    {
        if (Turn(turnContext) is not { } turn || turn.Watch.CsatAsked)
        {
            return false;
        }
        turn.Watch.CsatAsked = true;
        return true;
    }

    /// <summary>A rating (1-5) for the session's last flow, about the bot or, after a handoff, the agent; the last one counts.</summary>
    public void CsatAnswered(ITurnContext turnContext, int score)
    {
        if (Turn(turnContext) is not { } turn)
        {
            return;
        }
        turn.Events.Add(turn.Watch.Event($"{turn.Watch.Session}:csat:{NewId(turnContext, turn, "csat")}", turn.Now, ConversationEventKinds.CsatAnswered) with
        {
            Flow = turn.Watch.LastFlow, Score = score, Detail = turn.Watch.SessionAfterHandoff ? "agent" : "bot",
        });
    }

    /// <summary>What the customer wrote for people to review (masked here): a comment on the rating, a message not understood.</summary>
    public void Remark(ITurnContext turnContext, string kind, string text, string? step = null)
    {
        if (Turn(turnContext) is { } turn && !string.IsNullOrWhiteSpace(text))
        {
            turn.Remarks.Add(new CustomerRemark(turn.Now, kind, turn.Watch.Run?.Flow ?? turn.Watch.LastFlow, step, masker.Mask(text.Trim())));
        }
    }

    /// <summary>
    /// The turn is over: the flow on the stack is compared with the one under way (a flow gone without an ending of its own
    /// ended as the router said, or Cancelled; a flow there without a run was resumed after quiet), its question noted, an
    /// emptied stack ends the session; then the events, the watch and the remarks are staged in the turn's commit.
    /// </summary>
    public async Task EndTurnAsync(ITurnContext turnContext, DialogState dialogState, CancellationToken cancellationToken)
    {
        if (Turn(turnContext) is not { } turn)
        {
            return;
        }
        var watch = turn.Watch;
        var flow = ActiveFlow(dialogState);
        if (watch.Run is { } run && run.Flow != flow)
        {
            EndRun(turn, turn.Stop?.Ending ?? FlowEnding.Cancelled, turn.Stop?.Reason);
        }
        if (flow is not null && watch.Run is null)
        {
            StartRun(turnContext, turn, flow, TopicChoices.Resumed, null);
        }
        if (watch.Run is { } current)
        {
            current.Step = Expecting.Of(dialogState);
        }
        if (dialogState.DialogStack.Count == 0 && watch.Session is { } session)
        {
            turn.Events.Add(watch.Event($"{session}:end", turn.Now, ConversationEventKinds.ConversationEnded) with { Detail = turn.SessionEnd ?? "closed" });
            watch.Session = null;
        }
        // One microsecond apart, so the record keeps the turn's order (a report reads events by time).
        var events = turn.Events.Select((e, i) => e.At == turn.Now ? e with { At = turn.Now.AddTicks(10 * i) } : e).ToList();
        var statements = store.Append(events).Concat(turn.Remarks.Select(store.Remark)).ToList();
        turnContext.TurnState.Remove(TurnStateKey);
        var endings = events.Where(e => e.Kind == ConversationEventKinds.FlowEnded).ToList();
        // The watch goes after the commit, in the writer's next batch (it only feeds the sweep).
        if (TurnCommit.Of(turnContext) is { } commit)
        {
            commit.Add(store.Database, statements);
            commit.OnCommitted(() =>
            {
                watches.Enqueue(watch);
                CountEndings(endings);
            });
        }
        else
        {
            if (statements.Count > 0)
            {
                await store.WriteAsync(statements, cancellationToken);
            }
            watches.Enqueue(watch);
            CountEndings(endings);
        }
    }

    private static void CountEndings(IEnumerable<ConversationEvent> endings)
    {
        foreach (var ended in endings)
        {
            BotTelemetry.FlowEndings.Add(1, new KeyValuePair<string, object?>("flow", ended.Flow), new KeyValuePair<string, object?>("ending", ended.Ending));
        }
    }

    /// <summary>
    /// The turn failed and the conversation's state is cleared: the flow under way ended as Failed, and the session with it.
    /// Written at once (the failed turn commits nothing of its own); the keys keep a later sweep from recording it again.
    /// </summary>
    public async Task TurnFailedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (Turn(turnContext) is not { } turn)
        {
            return;
        }
        turnContext.TurnState.Remove(TurnStateKey);
        EndRun(turn, FlowEnding.Failed, "error");
        var watch = turn.Watch;
        if (watch.Session is { } session)
        {
            turn.Events.Add(watch.Event($"{session}:end", turn.Now, ConversationEventKinds.ConversationEnded) with { Detail = "failed" });
            watch.Session = null;
        }
        watch.Awaiting = null;
        await store.WriteAsync(store.Append(turn.Events).Append(store.Watch(watch, options.Value)), cancellationToken);
    }

    private static OutcomeTurn? Turn(ITurnContext turnContext) => turnContext.TurnState.Get<OutcomeTurn>(TurnStateKey);

    private void StartRun(ITurnContext turnContext, OutcomeTurn turn, string flow, string how, string? version)
    {
        var run = new FlowRun { Id = NewId(turnContext, turn, "run"), Flow = flow, Version = version, StartedAt = turn.Now, Turns = 1 };
        turn.Watch.Run = run;
        turn.Watch.LastFlow = flow;
        turn.Events.Add(turn.Watch.Event($"{run.Id}:start", turn.Now, ConversationEventKinds.TopicStarted) with { Flow = flow, Version = version, Detail = how });
    }

    private static void EndRun(OutcomeTurn turn, FlowEnding ending, string? reason)
    {
        if (turn.Watch.Run is not { } run)
        {
            return;
        }
        turn.Events.Add(turn.Watch.Event($"{run.Id}:end", turn.Now, ConversationEventKinds.FlowEnded) with
        {
            Flow = run.Flow, Version = run.Version, Ending = ending.ToString(), Reason = reason,
            DurationMs = (long)(turn.Now - run.StartedAt).TotalMilliseconds, Turns = run.Turns,
        });
        turn.Watch.Run = null;
        turn.Watch.Awaiting = ending.Contained() ? run : null;
    }

    /// <summary>
    /// An id for something this turn starts: from the activity when the turn is journaled (a turn run again names it the
    /// same), else new.
    /// </summary>
    private static string NewId(ITurnContext turnContext, OutcomeTurn turn, string what) =>
        IdempotencyKeys.For(turnContext, $"outcome.{what}.{turn.Sequence++}") is { } key
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]
            : Guid.NewGuid().ToString("N")[..16];

    /// <summary>The topic whose flow is on the dialog stack, if any.</summary>
    public static string? ActiveFlow(DialogState dialogState) => FlowIn(dialogState.DialogStack);

    private static string? FlowIn(System.Text.Json.Nodes.JsonArray? stack)
    {
        foreach (var entry in stack?.OfType<System.Text.Json.Nodes.JsonObject>() ?? [])
        {
            var id = (string?)entry["id"];
            if (Topics.Menu.FirstOrDefault(t => t.DialogId is not null && t.DialogId == id) is { } topic)
            {
                return topic.Id;
            }
            if (FlowIn(entry["state"]?["dialogs"] as System.Text.Json.Nodes.JsonArray) is { } inner)
            {
                return inner;
            }
        }
        return null;
    }
}

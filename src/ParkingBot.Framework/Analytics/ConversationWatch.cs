namespace ParkingBot.Framework.Analytics;

/// <summary>A flow under way, or one whose contained answer waits to be confirmed.</summary>
public sealed class FlowRun
{
    public string Id { get; set; } = "";
    public string Flow { get; set; } = "";
    public string? Version { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The customer's messages while the flow ran.</summary>
    public int Turns { get; set; }

    /// <summary>The question the flow waits on (where an abandonment happened).</summary>
    public string? Step { get; set; }
}

/// <summary>
/// Where a conversation stands for the outcome record: its session, the flow under way, the contained answer waiting to
/// be confirmed. It is kept with the conversation's state (a turn reads it for free) and copied to a table the sweep reads,
/// so that quiet is noticed whether the customer comes back or not. Both apply <see cref="Lapse"/>, with the same keys.
/// </summary>
public sealed class ConversationWatch
{
    public string Conversation { get; set; } = "";
    public string Channel { get; set; } = "";

    /// <summary>The session under way (null: none; the next message starts one).</summary>
    public string? Session { get; set; }
    public DateTimeOffset LastTurnAt { get; set; }
    public FlowRun? Run { get; set; }
    public FlowRun? Awaiting { get; set; }

    /// <summary>The last flow of the session, which a rating is counted for.</summary>
    public string? LastFlow { get; set; }
    public bool CsatAsked { get; set; }

    /// <summary>The session began when an agent handed the conversation back: its rating is about the agent.</summary>
    public bool SessionAfterHandoff { get; set; }

    /// <summary>The session ends at this time unless the customer writes (null: no session).</summary>
    public DateTimeOffset? IdleDueAt(OutcomeOptions options) => Session is null ? null : LastTurnAt + options.IdleTimeout;

    /// <summary>The waiting answer counts as resolved (assumed) at this time (null: none waits).</summary>
    public DateTimeOffset? AssumeDueAt(OutcomeOptions options) => Awaiting is null ? null : LastTurnAt + options.AssumeResolvedAfter;

    /// <summary>
    /// What quiet until <paramref name="now"/> means: past the idle timeout the flow under way is abandoned at its question and
    /// the session ends; past the resolution window a waiting answer counts as resolved, assumed. Changes the watch.
    /// </summary>
    public IReadOnlyList<ConversationEvent> Lapse(DateTimeOffset now, OutcomeOptions options)
    {
        var events = new List<ConversationEvent>();
        if (IdleDueAt(options) is { } idleDue && now >= idleDue)
        {
            if (Run is { } run)
            {
                events.Add(Event($"{run.Id}:end", idleDue, ConversationEventKinds.FlowEnded) with
                {
                    Flow = run.Flow, Version = run.Version, Ending = nameof(FlowEnding.Abandoned), Reason = run.Step,
                    DurationMs = (long)(LastTurnAt - run.StartedAt).TotalMilliseconds, Turns = run.Turns,
                });
                Run = null;
            }
            events.Add(Event($"{Session}:end", idleDue.AddTicks(10), ConversationEventKinds.ConversationEnded) with { Detail = "idle" });
            Session = null;
            CsatAsked = false;
        }
        if (AssumeDueAt(options) is { } assumeDue && now >= assumeDue)
        {
            events.Add(Resolution(Awaiting!, Resolutions.Assumed, assumeDue));
            Awaiting = null;
        }
        return events;
    }

    public ConversationEvent Event(string key, DateTimeOffset at, string kind) => new(key, at, kind, Conversation, Channel);

    public ConversationEvent Resolution(FlowRun run, string how, DateTimeOffset at) =>
        Event($"{run.Id}:resolution", at, ConversationEventKinds.ResolutionConfirmed) with { Flow = run.Flow, Version = run.Version, Detail = how };
}

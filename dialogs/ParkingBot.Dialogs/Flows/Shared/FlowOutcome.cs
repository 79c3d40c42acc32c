using ParkingBot.Framework.Analytics;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>
/// How a flow ended, and why: the policy's reason, the handoff reasons or what the bot answered. The router records it;
/// a flow only says it.
/// </summary>
public sealed record FlowOutcome(FlowEnding Ending, string? Reason = null)
{
    /// <summary>An agent has the conversation now: the router does not ask "더 궁금하신 점".</summary>
    public bool HandedOff => Ending == FlowEnding.HandedOff;

    public static FlowOutcome Resolved(string what) => new(FlowEnding.Resolved, what);

    public static FlowOutcome Informed(string what) => new(FlowEnding.Informed, what);

    public static FlowOutcome Refused(string rule) => new(FlowEnding.Refused, rule);

    public static FlowOutcome NotFound(string what) => new(FlowEnding.NotFound, what);

    public static readonly FlowOutcome NotHolder = new(FlowEnding.NotHolder);

    public static FlowOutcome HandOff(IEnumerable<HandoffReason> reasons) => new(FlowEnding.HandedOff, string.Join(",", reasons));
}

/// <summary>
/// How a flow is started. What the customer said lives in <see cref="Understanding.FlowSlots"/>, not here: a flow reads
/// it before every question, so a flow started again after a correction goes straight to the first thing it still needs.
/// </summary>
public sealed class FlowOptions
{
    /// <summary>Started again after the customer corrected the day, car or lot: the opening empathy is not repeated.</summary>
    public bool Restarted { get; set; }
}

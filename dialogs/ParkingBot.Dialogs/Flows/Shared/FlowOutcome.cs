namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>How a flow ended: handed to an agent (the conversation is held), or done by the bot.</summary>
public sealed record FlowOutcome(bool HandedOff)
{
    public static readonly FlowOutcome Done = new(false);
    public static readonly FlowOutcome Handoff = new(true);
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

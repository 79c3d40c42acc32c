namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>How a flow ended: handed to an agent (the conversation is held), or done by the bot.</summary>
public sealed record FlowOutcome(bool HandedOff)
{
    public static readonly FlowOutcome Done = new(false);
    public static readonly FlowOutcome Handoff = new(true);
}

/// <summary>Slots a flow can be started with (the router pre-fills them from the first message).</summary>
public sealed class FlowOptions
{
    public DateOnly? UsageDate { get; set; }
    public string? CarNumber { get; set; }
    public TimeOnly? EntryTime { get; set; }
    public string? LotName { get; set; }
}

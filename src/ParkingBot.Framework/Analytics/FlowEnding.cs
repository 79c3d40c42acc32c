namespace ParkingBot.Framework.Analytics;

/// <summary>How a flow ended, in the few words every report uses.</summary>
public enum FlowEnding
{
    /// <summary>The bot did what the customer needed (applied the discount, filed the request, closed the charge).</summary>
    Resolved,

    /// <summary>The bot answered the question; nothing needed doing (when a ticket is paid, why a lot differs).</summary>
    Informed,

    /// <summary>A person takes over (the reasons say why: a call to the lot, an attachment review, a refund...).</summary>
    HandedOff,

    /// <summary>A policy says no (entered before the window, the charge stands); the reason names the policy's rule.</summary>
    Refused,

    /// <summary>The customer is not the holder, so the bot may not look the usage up.</summary>
    NotHolder,

    /// <summary>No usage, account or pass matched what the customer said.</summary>
    NotFound,

    /// <summary>The customer stopped, started over or turned to another topic.</summary>
    Cancelled,

    /// <summary>The customer went quiet in the middle of the flow (the reason is the question left unanswered).</summary>
    Abandoned,

    /// <summary>The turn failed with an error and the conversation was reset.</summary>
    Failed,
}

public static class FlowEndings
{
    /// <summary>Endings where the bot itself contained the inquiry: resolution is then confirmed or assumed.</summary>
    public static bool Contained(this FlowEnding ending) => ending is FlowEnding.Resolved or FlowEnding.Informed;
}

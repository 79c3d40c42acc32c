using ParkingBot.Framework.Schema;

namespace ParkingBot.Language.Prompts;

/// <summary>"Now" for a message: the customer's own clock when the channel sent localTimestamp, else the server's.</summary>
public static class PromptClock
{
    public static DateTimeOffset Now(Activity activity, TimeProvider timeProvider) =>
        activity.LocalTimestamp ?? timeProvider.GetUtcNow();
}

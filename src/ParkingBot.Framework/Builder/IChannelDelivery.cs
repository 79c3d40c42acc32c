using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// A channel hosted in this process (the embedded Direct Line): the adapter hands it the bot's activities for its
/// conversations instead of POSTing them to a serviceUrl.
/// </summary>
public interface IChannelDelivery
{
    bool Handles(Activity activity);

    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>How a turn run for an in-process channel ended.</summary>
public enum TurnOutcome
{
    Done,

    /// <summary>The conversation's state kept changing concurrently; the activity was not processed.</summary>
    StateConflict,

    /// <summary>The turn ran but its replies could not be delivered.</summary>
    DeliveryFailed,
}

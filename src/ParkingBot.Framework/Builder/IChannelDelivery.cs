using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// Renders the bot's activities to one channel: the Connector POST to serviceUrl, the embedded Direct Line log
/// and its streams. <c>deliveryKey</c> names the reply within its turn (the incoming activity's id and the reply's
/// place): a channel that can should deliver each key once, so a replayed turn does not show its replies twice.
/// </summary>
public interface IChannelDelivery
{
    bool Handles(Activity activity);

    Task<ResourceResponse> SendAsync(Activity activity, string? deliveryKey, CancellationToken cancellationToken);
}

/// <summary>A reply could not be delivered (the channel refused it or could not be reached).</summary>
public sealed class ChannelDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

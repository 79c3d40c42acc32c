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

/// <summary>
/// A channel whose deliveries are rows in a database (the embedded Direct Line's log): a turn's replies are staged in the
/// turn's commit, so they land with its state or not at all, and the channel is told once the commit is written.
/// </summary>
public interface ICommittedDelivery : IChannelDelivery
{
    /// <summary>Stages the replies (each with its delivery key) of one conversation in the turn's commit.</summary>
    void Stage(TurnCommit commit, IReadOnlyList<(Activity Reply, string? DeliveryKey)> replies);

    /// <summary>The commit holding the conversation's staged replies was written: let its readers know.</summary>
    Task CommittedAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>A reply could not be delivered (the channel refused it or could not be reached).</summary>
public sealed class ChannelDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

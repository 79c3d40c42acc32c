using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

/// <summary>
/// What the bot sends a KakaoTalk customer outside a request (a handoff's notices, the bot taking the conversation back):
/// a skill can only answer requests, so it waits in the outbox and is shown at the customer's next message.
/// </summary>
public sealed class KakaoChannel(KakaoOutbox outbox, TimeProvider time) : IChannelDelivery
{
    public bool Handles(Activity activity) => activity.ChannelId == Channels.Kakao;

    public async Task<ResourceResponse> SendAsync(Activity activity, string? deliveryKey, CancellationToken cancellationToken)
    {
        if (activity.IsType(ActivityTypes.Message))
        {
            await outbox.KeepAsync(activity.Conversation!.Id!, [activity], time.GetUtcNow(), cancellationToken);
        }
        return new ResourceResponse(null);
    }
}

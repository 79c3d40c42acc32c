using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>The bot's side of the embedded Direct Line: what the bot sends is logged (once per delivery key) and streamed.</summary>
public sealed class DirectLineChannel(IDirectLineStore store, DirectLineStreams streams, TimeProvider time) : IChannelDelivery
{
    public bool Handles(Activity activity) => activity.ChannelId == Channels.DirectLine;

    public async Task<ResourceResponse> SendAsync(Activity activity, string? deliveryKey, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var outgoing = activity.Clone();
        outgoing.From ??= new ChannelAccount("bot");
        outgoing.From.Role ??= RoleTypes.Bot;
        if (outgoing.IsType(ActivityTypes.Typing))
        {
            await streams.TypingAsync(conversationId, outgoing, cancellationToken);
            return new ResourceResponse(null);
        }
        var logged = await store.AppendAsync(conversationId, outgoing, deliveryKey is null ? null : "bot:" + deliveryKey, time.GetUtcNow(), cancellationToken);
        await streams.LogChangedAsync(conversationId, logged.Watermark, cancellationToken);
        return new ResourceResponse(logged.Activity.Id);
    }
}

using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>The bot's side of the embedded Direct Line: what the bot sends to a Direct Line conversation is logged and streamed.</summary>
public sealed class DirectLineChannel(DirectLineConversations conversations, TimeProvider time) : IChannelDelivery
{
    public bool Handles(Activity activity) => activity.ChannelId == Schema.Channels.DirectLine;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversation = conversations.GetOrAdd(activity.Conversation!.Id!);
        var outgoing = activity.Clone();
        outgoing.From ??= new ChannelAccount("bot");
        outgoing.From.Role ??= RoleTypes.Bot;
        if (outgoing.IsType(ActivityTypes.Typing))
        {
            conversation.Signal(outgoing);
            return Task.FromResult(new ResourceResponse(null));
        }
        return Task.FromResult(new ResourceResponse(conversation.Append(outgoing, time.GetUtcNow()).Id));
    }
}

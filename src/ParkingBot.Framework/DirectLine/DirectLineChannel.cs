using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// The bot's side of the embedded Direct Line: what the bot sends is logged (once per delivery key) and streamed. A turn's
/// replies are logged in the turn's commit; what is sent outside a turn's commit (a replay) is logged on its own.
/// </summary>
public sealed class DirectLineChannel(IDirectLineStore store, DirectLineStreams streams, TimeProvider time) : ICommittedDelivery
{
    public bool Handles(Activity activity) => activity.ChannelId == Channels.DirectLine;

    public async Task<ResourceResponse> SendAsync(Activity activity, string? deliveryKey, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var outgoing = Outgoing(activity);
        if (outgoing.IsType(ActivityTypes.Typing))
        {
            await streams.TypingAsync(conversationId, outgoing, cancellationToken);
            return new ResourceResponse(null);
        }
        var logged = await store.AppendAsync(conversationId, outgoing, LogKey(deliveryKey), time.GetUtcNow(), cancellationToken);
        await streams.LogChangedAsync(conversationId, logged.Watermark, cancellationToken);
        return new ResourceResponse(logged.Activity.Id);
    }

    /// <summary>Typing is never logged: it is streamed when the turn's replies are delivered (see <see cref="CommittedAsync"/>).</summary>
    public void Stage(TurnCommit commit, IReadOnlyList<(Activity Reply, string? DeliveryKey)> replies)
    {
        var logged = replies.Where(r => !r.Reply.IsType(ActivityTypes.Typing)).Select(r => (Outgoing(r.Reply), LogKey(r.DeliveryKey))).ToList();
        if (logged.Count > 0)
        {
            commit.Add(store.Database, store.AppendStatements(replies[0].Reply.Conversation!.Id!, logged, time.GetUtcNow()));
        }
    }

    public async Task CommittedAsync(string conversationId, CancellationToken cancellationToken)
    {
        var watermark = await store.LastWatermarkAsync(conversationId, cancellationToken);
        await streams.LogChangedAsync(conversationId, watermark, cancellationToken);
    }

    private static Activity Outgoing(Activity activity)
    {
        var outgoing = activity.Clone();
        outgoing.From ??= new ChannelAccount("bot");
        outgoing.From.Role ??= RoleTypes.Bot;
        return outgoing;
    }

    private static string? LogKey(string? deliveryKey) => deliveryKey is null ? null : "bot:" + deliveryKey;
}

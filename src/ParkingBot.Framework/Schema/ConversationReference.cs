namespace ParkingBot.Framework.Schema;

/// <summary>Everything needed to address a conversation later (replies, proactive messages, handoff).</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }

    /// <summary>
    /// Addresses <paramref name="activity"/> to this conversation. Outgoing: from the bot to the user,
    /// replying to <see cref="ActivityId"/>. Incoming: from the user to the bot.
    /// </summary>
    public Activity ApplyTo(Activity activity, bool isIncoming)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.Conversation = Conversation;
        activity.Locale ??= Locale;
        if (isIncoming)
        {
            activity.From = User;
            activity.Recipient = Bot;
            activity.Id = ActivityId;
        }
        else
        {
            activity.From = Bot;
            activity.Recipient = User;
            activity.ReplyToId ??= ActivityId;
        }
        return activity;
    }
}

using System.Text.Json.Nodes;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

/// <summary>A SkillPayload as the Activity every channel's turn runs on: channel "kakao", one conversation per KakaoTalk user.</summary>
public static class KakaoActivities
{
    /// <summary>Korea keeps no daylight saving time: the customer's local time is UTC+9 all year.</summary>
    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    /// <summary>Why the payload cannot become a turn (for a 400), or null.</summary>
    public static string? Problem(SkillPayload? payload) => payload switch
    {
        null => "The body is not a SkillPayload (empty or null).",
        { UserRequest: null } => "userRequest is missing.",
        { UserRequest.User: null } or { UserRequest.User.Id: null or "" } => "userRequest.user.id (the botUserKey) is missing.",
        { UserRequest.Utterance: null } => "userRequest.utterance is missing.",
        { Bot.Id: null or "" } => "bot.id is missing.",
        _ => null,
    };

    public static Activity ToActivity(SkillPayload payload, DateTimeOffset now)
    {
        var user = payload.UserRequest!.User!.Id!;
        var extra = payload.Action?.ClientExtra;
        return new Activity
        {
            Type = ActivityTypes.Message,
            // Kakao numbers no utterance: each request is a new activity.
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = Channels.Kakao,
            Timestamp = now,
            LocalTimestamp = now.ToOffset(Seoul),
            LocalTimezone = "Asia/Seoul",
            Locale = "ko-KR",
            From = new ChannelAccount(user, role: RoleTypes.User),
            Recipient = new ChannelAccount(payload.Bot!.Id!, payload.Bot.Name, RoleTypes.Bot),
            Conversation = new ConversationAccount(user),
            Text = payload.UserRequest.Utterance,
            // A tapped quick reply's or button's extra comes back as the activity's value, as a card action's value does.
            Value = extra is { Count: > 0 } ? extra.DeepClone() : null,
        };
    }
}

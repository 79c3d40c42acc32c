using System.Net.Http.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

/// <summary>Activities as the Emulator stamps them before posting to the bot (on the test clock, as the bot under test is).</summary>
public static class Activities
{
    public static Activity Message(string text, string serviceUrl, string conversationId = "8d1e2f30-aaaa-11ef-9c1c-6f1b2c3d4e5f|livechat") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Timestamp = TestClock.Running.ToUniversalTime(),
        LocalTimestamp = TestClock.Running,
        ChannelId = Channels.Emulator,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount("user-1", "User", RoleTypes.User),
        Recipient = new ChannelAccount("bot-1", "Bot", RoleTypes.Bot),
        Conversation = new ConversationAccount(conversationId),
        Locale = "ko-KR",
        Text = text,
    };

    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, Activity activity) =>
        client.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
}

using System.Net.Http.Json;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Tests.Infrastructure;

/// <summary>
/// One customer's conversation with a bot over HTTP, replies returned in the response (expectReplies). The channel is
/// the Emulator's, so the designer traces come too; like a chat window, this customer's view leaves them out.
/// </summary>
public sealed class Conversation(string conversationId = "host-test|livechat")
{
    private int _next;

    public string Id { get; } = conversationId;

    public async Task<IReadOnlyList<Activity>> JoinAsync(HttpClient bot)
    {
        var update = Stamp(new Activity { Type = ActivityTypes.ConversationUpdate });
        update.MembersAdded = [update.Recipient!, update.From!];
        return await PostAsync(bot, update);
    }

    public Task<IReadOnlyList<Activity>> SayAsync(HttpClient bot, string text) => PostAsync(bot, Stamp(Activity.CreateMessageActivity(text)));

    private static async Task<IReadOnlyList<Activity>> PostAsync(HttpClient bot, Activity activity)
    {
        var response = await bot.PostActivityAsync(activity);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities
            .Where(a => !a.IsType(ActivityTypes.Trace)).ToList();
    }

    private Activity Stamp(Activity activity)
    {
        var stamped = Activities.Message("", "http://127.0.0.1:9", Id);
        stamped.Type = activity.Type;
        stamped.Text = activity.Text;
        stamped.Id = $"{Id}-{++_next}";
        stamped.DeliveryMode = DeliveryModes.ExpectReplies;
        return stamped;
    }
}

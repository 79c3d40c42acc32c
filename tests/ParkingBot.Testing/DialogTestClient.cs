using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

/// <summary>
/// Talks to a bot the way Bot Framework's DialogTestClient does, so a test reads like a transcript:
/// send what the user says, then take the bot's replies one by one.
/// </summary>
public sealed class DialogTestClient
{
    private readonly IBot _bot;
    private readonly ChannelAccount _user;
    private readonly ChannelAccount _botAccount = new("test-bot", "ParkingBot", RoleTypes.Bot);
    private readonly string _channelId;
    private int _nextId;

    public DialogTestClient(IBot bot, IBotErrorHandler? errorHandler = null, string conversationId = "test-conversation", TestAdapter? adapter = null, string userId = "test-user",
        string channelId = Channels.Test)
    {
        _bot = bot;
        _channelId = channelId;
        _user = new ChannelAccount(userId, "고객", RoleTypes.User);
        Adapter = adapter ?? new TestAdapter();
        ConversationId = conversationId;
        if (errorHandler is not null)
        {
            Adapter.OnTurnError = errorHandler.OnTurnErrorAsync;
        }
    }

    public TestAdapter Adapter { get; }

    public string ConversationId { get; }

    /// <summary>Sends a message and returns the first reply (the rest wait in <see cref="GetNextReply"/>).</summary>
    public async Task<Activity?> SendActivityAsync(string text)
    {
        await UserSaysAsync(text);
        return GetNextReply();
    }

    /// <summary>Sends any activity from the user (attachments, events) and returns the first reply.</summary>
    public async Task<Activity?> SendActivityAsync(Activity activity)
    {
        await RunAsync(Stamp(activity));
        return GetNextReply();
    }

    /// <summary>Runs the turn of any user activity (a message with attachments…); its replies wait in <see cref="GetNextReply"/>.</summary>
    public Task UserSendsAsync(Activity activity) => RunAsync(Stamp(activity));

    /// <summary>Runs the turn of a user message; its replies wait in <see cref="GetNextReply"/>.</summary>
    public Task UserSaysAsync(string text) => RunAsync(Stamp(Activity.CreateMessageActivity(text)));

    /// <summary>The user joins the conversation, as Direct Line and the Emulator announce it.</summary>
    public Task UserJoinsAsync() => RunAsync(Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [_botAccount, _user] }));

    public Activity? GetNextReply() => Adapter.GetNextReply();

    private Task RunAsync(Activity activity) =>
        Adapter.Runner is { } runner ? runner(activity, _bot.OnTurnAsync) : Adapter.ProcessActivityAsync(activity, _bot.OnTurnAsync);

    private Activity Stamp(Activity activity)
    {
        activity.Id = $"{ConversationId}|{++_nextId:0000000}";
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.ChannelId ??= _channelId;
        activity.ServiceUrl = "https://test.invalid";
        activity.From = _user;
        activity.Recipient = _botAccount;
        activity.Conversation = new ConversationAccount(ConversationId);
        activity.Locale = "ko-KR";
        return activity;
    }
}

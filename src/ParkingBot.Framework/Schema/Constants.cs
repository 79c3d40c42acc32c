namespace ParkingBot.Framework.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string DeleteUserData = "deleteUserData";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string Suggestion = "suggestion";
    public const string Trace = "trace";
    public const string Handoff = "handoff";
    public const string Command = "command";
    public const string CommandResult = "commandResult";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ContactRelationUpdate, ConversationUpdate, Typing, EndOfConversation, Event, Invoke,
        DeleteUserData, MessageUpdate, MessageDelete, InstallationUpdate, MessageReaction, Suggestion,
        Trace, Handoff, Command, CommandResult,
    };

    /// <summary>Type comparisons are ordinal (spec A2011).</summary>
    public static bool IsKnown(string? type) => type is not null && Known.Contains(type);
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class EndOfConversationCodes
{
    public const string Unknown = "unknown";
    public const string CompletedSuccessfully = "completedSuccessfully";
    public const string UserCancelled = "userCancelled";
    public const string BotTimedOut = "botTimedOut";
    public const string BotIssuedInvalidMessage = "botIssuedInvalidMessage";
    public const string ChannelFailed = "channelFailed";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string Call = "call";
}

public static class TextFormatTypes
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}

public static class Channels
{
    public const string Emulator = "emulator";
    public const string DirectLine = "directline";
    public const string Webchat = "webchat";
    public const string Test = "test";
    public const string Kakao = "kakao";

    public static bool HidesConversationUpdate(string? channelId) => channelId is DirectLine or Webchat;

    /// <summary>
    /// Channels whose customers talk to agents in the channel's own chat (KakaoTalk's 상담직원 연결): the bot hands the
    /// conversation over there, and agents answer there, not through the bot.
    /// </summary>
    public static bool HasOwnAgentChat(string? channelId) => channelId is Kakao;
}

public static class CallerIdConstants
{
    public const string PublicAzureChannel = "urn:botframework:azure";
    public const string BotToBotPrefix = "urn:botframework:aadappid:";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ParkingBot.Framework.Schema;

/// <summary>
/// An activity as the Bot Framework Activity spec puts it on the wire. Serialize with
/// <see cref="BotJson.Options"/> (camelCase, nulls and empty collections omitted); properties this
/// type does not model survive a read-write round trip in <see cref="Properties"/>.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }
    public List<string>? ListenFor { get; set; }
    public string? CallerId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    public static Activity CreateMessageActivity(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity CreateEventActivity(string name, JsonNode? value = null) =>
        new() { Type = ActivityTypes.Event, Name = name, Value = value };

    /// <summary>A trace for developer tools (the Emulator's inspector shows it; channels do not show it to users).</summary>
    public static Activity CreateTraceActivity(string name, string valueType, JsonNode? value = null, string? label = null) =>
        new() { Type = ActivityTypes.Trace, Name = name, ValueType = valueType, Value = value, Label = label };

    /// <summary>
    /// A reply addressed back to the sender of this activity: from and recipient swapped,
    /// conversation, channel and serviceUrl kept, replyToId set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null)
    {
        var reply = CreateMessageActivity(text);
        reply.Locale = Locale;
        return GetConversationReference().ApplyTo(reply, isIncoming: false);
    }

    public ConversationReference GetConversationReference() => new()
    {
        // Direct Line clients never see conversationUpdate, so a reply must not point at it
        // (Web Chat would hold the reply for 5 s waiting for an activity it will never get).
        ActivityId = Type == ActivityTypes.ConversationUpdate && Channels.HidesConversationUpdate(ChannelId) ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    public Activity Clone() => JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(this, BotJson.Options), BotJson.Options)!;

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.Ordinal);
}

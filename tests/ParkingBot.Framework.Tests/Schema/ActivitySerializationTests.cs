using System.Text.Json;
using System.Text.Json.Nodes;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Tests.Schema;

public class ActivitySerializationTests
{
    private const string WebChatMessage = """
        {
          "type": "message",
          "id": "c-5512|0000004",
          "timestamp": "2025-03-01T17:15:02.481Z",
          "localTimestamp": "2025-03-01T18:15:02.102+01:00",
          "localTimezone": "Europe/Paris",
          "channelId": "directline",
          "serviceUrl": "https://chat.example.org/",
          "from": { "id": "u-104", "name": "Ana", "role": "user", "futureField": 7 },
          "conversation": { "id": "c-5512", "tenantFlavour": "x" },
          "recipient": { "id": "bot-7f3c", "name": "Support Bot", "role": "bot" },
          "locale": "ko-KR",
          "textFormat": "plain",
          "text": "주차권이 적용이 안 돼요",
          "channelData": { "clientActivityID": "1740849302102x8k2", "nested": { "a": [1, 2] } },
          "entities": [ { "type": "ClientCapabilities", "requiresBotState": true, "supportsTts": true } ],
          "attachments": [ { "contentType": "image/png", "contentUrl": "https://files/x.png", "name": "x.png", "extra": true } ],
          "value": "plain string value",
          "brandNewTopLevel": { "deep": [ { "k": "v" } ] }
        }
        """;

    [Fact]
    public void Unknown_properties_survive_a_round_trip_at_every_level()
    {
        var activity = JsonSerializer.Deserialize<Activity>(WebChatMessage, BotJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;
        var original = JsonNode.Parse(WebChatMessage)!;

        Assert.True(JsonNode.DeepEquals(original["brandNewTopLevel"], written["brandNewTopLevel"]));
        Assert.Equal(7, written["from"]!["futureField"]!.GetValue<int>());
        Assert.Equal("x", written["conversation"]!["tenantFlavour"]!.GetValue<string>());
        Assert.True(written["attachments"]![0]!["extra"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(original["entities"], written["entities"]));
        Assert.True(JsonNode.DeepEquals(original["channelData"], written["channelData"]));
        Assert.Equal("plain string value", written["value"]!.GetValue<string>());
    }

    [Fact]
    public void Known_fields_keep_their_wire_names_and_values()
    {
        var activity = JsonSerializer.Deserialize<Activity>(WebChatMessage, BotJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!.AsObject();

        Assert.Equal("c-5512|0000004", (string?)written["id"]);
        Assert.Equal("2025-03-01T17:15:02.4810000Z", (string?)written["timestamp"]);
        Assert.Equal("2025-03-01T18:15:02.102+01:00", (string?)written["localTimestamp"]);
        Assert.Equal("Europe/Paris", (string?)written["localTimezone"]);
        Assert.Equal("주차권이 적용이 안 돼요", (string?)written["text"]);
        Assert.Equal(TimeSpan.FromHours(1), activity.LocalTimestamp!.Value.Offset);
    }

    [Fact]
    public void Nulls_empty_strings_and_empty_lists_are_omitted_and_names_are_camel_case()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "",
            Attachments = [],
            Entities = [],
            InputHint = InputHints.ExpectingInput,
            ReplyToId = "a|1",
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("예")] },
        };

        var json = JsonSerializer.Serialize(activity, BotJson.Options);

        Assert.Equal("""{"type":"message","inputHint":"expectingInput","suggestedActions":{"actions":[{"type":"imBack","title":"예","value":"예"}]},"replyToId":"a|1"}""", json);
    }

    [Fact]
    public void Conversation_update_fields_and_event_fields_are_read()
    {
        const string json = """
            {"type":"conversationUpdate","membersAdded":[{"id":"bot"},{"id":"user"}],"membersRemoved":[{"id":"old"}],
             "name":"webchat/join","valueType":"t","label":"l","code":"userCancelled","deliveryMode":"expectReplies",
             "conversation":{"id":"c"},"recipient":{"id":"bot"}}
            """;

        var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;

        Assert.Equal(["bot", "user"], activity.MembersAdded!.Select(m => m.Id));
        Assert.Equal("old", activity.MembersRemoved![0].Id);
        Assert.Equal(("webchat/join", "t", "l", "userCancelled", "expectReplies"),
            (activity.Name, activity.ValueType, activity.Label, activity.Code, activity.DeliveryMode));
    }

    [Fact]
    public void A_reply_swaps_from_and_recipient_and_keeps_the_conversation()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(WebChatMessage, BotJson.Options)!;

        var reply = incoming.CreateReply("네");

        Assert.Equal(("bot-7f3c", "u-104"), (reply.From!.Id, reply.Recipient!.Id));
        Assert.Equal("c-5512", reply.Conversation!.Id);
        Assert.Equal("c-5512|0000004", reply.ReplyToId);
        Assert.Equal(("directline", "https://chat.example.org/"), (reply.ChannelId, reply.ServiceUrl));
    }

    [Fact]
    public void A_reply_to_a_direct_line_conversation_update_does_not_point_at_it()
    {
        var update = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "c|1", ChannelId = Channels.DirectLine, Conversation = new("c") };

        Assert.Null(update.CreateReply("hi").ReplyToId);
        update.ChannelId = Channels.Emulator;
        Assert.Equal("c|1", update.CreateReply("hi").ReplyToId);
    }
}

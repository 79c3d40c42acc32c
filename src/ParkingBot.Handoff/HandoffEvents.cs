using System.Text.Json.Nodes;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff;

/// <summary>The Bot Framework handoff events (protocol reference §7): handoff.initiate and handoff.status.</summary>
public static class HandoffEvents
{
    public static Activity Initiate(HandoffCase handoffCase)
    {
        var initiate = Activity.CreateEventActivity("handoff.initiate", new JsonObject
        {
            ["caseId"] = handoffCase.Id,
            ["flow"] = handoffCase.Flow,
            ["category"] = handoffCase.Category,
            ["reasons"] = new JsonArray([.. handoffCase.Reasons.Select(r => (JsonNode)r.ToString())]),
            ["summary"] = handoffCase.Summary,
            ["slots"] = new JsonObject(handoffCase.Slots.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        });
        initiate.RelatesTo = handoffCase.Conversation;
        initiate.Attachments =
        [
            new Attachment
            {
                ContentType = "application/json",
                Name = "Transcript",
                Content = new JsonObject { ["activities"] = new JsonArray([.. handoffCase.Transcript.Select(TranscriptActivity)]) },
            },
        ];
        return initiate;
    }

    public static Activity Status(string state, string? message = null)
    {
        var value = new JsonObject { ["state"] = state };
        if (!string.IsNullOrEmpty(message))
        {
            value["message"] = message;
        }
        return Activity.CreateEventActivity("handoff.status", value);
    }

    /// <summary>A transcript entry as an activity that keeps its original sender (unlike the SDK's factory).</summary>
    private static JsonNode TranscriptActivity(TranscriptEntry entry)
    {
        var role = entry.Sender == TranscriptSender.Customer ? RoleTypes.User : RoleTypes.Bot;
        var activity = new JsonObject
        {
            ["type"] = ActivityTypes.Message,
            ["timestamp"] = entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["from"] = new JsonObject { ["name"] = entry.Name, ["role"] = role },
        };
        if (entry.Text is not null)
        {
            activity["text"] = entry.Text;
        }
        return activity;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ParkingBot.Framework.Schema;

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public CardAction() { }

    public CardAction(string type, string title, JsonNode? value)
    {
        Type = type;
        Title = title;
        Value = value;
    }

    public static CardAction ImBack(string title, string? value = null) => new(ActionTypes.ImBack, title, value ?? title);

    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }
    public JsonNode? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed record ResourceResponse(string? Id);

public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

public sealed record ErrorResponse(Error Error)
{
    public static ErrorResponse Of(string code, string message) => new(new Error(code, message));
}

public sealed record Error(string Code, string Message);

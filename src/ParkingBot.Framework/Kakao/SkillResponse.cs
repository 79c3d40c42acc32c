using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ParkingBot.Framework.Kakao;

/// <summary>A skill's answer (SkillResponse 2.0): a template of 1-3 outputs and up to 10 quick replies, or useCallback.</summary>
public sealed record SkillResponse(SkillTemplate? Template = null, bool? UseCallback = null, JsonObject? Data = null)
{
    /// <summary>Without it Kakao reads the answer in the old format.</summary>
    public string Version => "2.0";
}

public sealed record SkillTemplate(IReadOnlyList<SkillOutput> Outputs, IReadOnlyList<QuickReply>? QuickReplies = null);

/// <summary>One bubble: exactly one of its members is set.</summary>
public sealed record SkillOutput(SimpleText? SimpleText = null, TextCard? TextCard = null, SimpleImage? SimpleImage = null);

public sealed record SimpleText(string Text);

/// <summary>Text with buttons (links, phone numbers); unlike basicCard it needs no thumbnail image.</summary>
public sealed record TextCard(string? Title, string? Description, IReadOnlyList<SkillButton> Buttons);

public sealed record SimpleImage(string ImageUrl, string AltText);

/// <param name="Action">webLink, phone, message or operator.</param>
public sealed record SkillButton(string Label, string Action, string? WebLinkUrl = null, string? PhoneNumber = null, string? MessageText = null);

/// <param name="Action">message: tapping sends <paramref name="MessageText"/> as the customer's utterance.</param>
public sealed record QuickReply(string Label, string Action, string MessageText, JsonObject? Extra = null);

public static class KakaoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

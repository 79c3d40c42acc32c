using System.Text.Json.Nodes;

namespace ParkingBot.Framework.Analytics;

/// <summary>A message the bot could not place, as designers review it: the masked text, how often it came, when last.</summary>
public sealed record NotUnderstoodMessage(string Text, int Count, DateTimeOffset LastAt);

public static class NotUnderstood
{
    /// <summary>The same words (spacing and case aside) counted together, the most frequent first.</summary>
    public static IReadOnlyList<NotUnderstoodMessage> Group(IEnumerable<CustomerRemark> remarks) => remarks
        .GroupBy(r => string.Join(' ', r.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
        .Select(g => new NotUnderstoodMessage(g.OrderByDescending(r => r.At).First().Text, g.Count(), g.Max(r => r.At)))
        .OrderByDescending(m => m.Count).ThenByDescending(m => m.LastAt)
        .ToList();

    /// <summary>
    /// The messages as utterances of a CLU project export (the shape of cognitive-models/ParkingBot.clu.json): intent None
    /// until a designer assigns the right one in review, then they are added to the project's utterances.
    /// </summary>
    public static JsonObject CluUtterances(IEnumerable<NotUnderstoodMessage> messages, string language = "ko-kr") => new()
    {
        ["projectFileVersion"] = "2023-04-01",
        ["stringIndexType"] = "Utf16CodeUnit",
        ["assets"] = new JsonObject
        {
            ["projectKind"] = "Conversation",
            ["utterances"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject
            {
                ["text"] = m.Text,
                ["language"] = language,
                ["intent"] = "None",
                ["dataset"] = "Train",
                ["entities"] = new JsonArray(),
            }).ToArray()),
        },
    };
}

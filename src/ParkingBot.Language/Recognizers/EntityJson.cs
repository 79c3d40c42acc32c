using System.Globalization;
using System.Text.Json.Nodes;

namespace ParkingBot.Language.Recognizers;

/// <summary>
/// The JSON form of an entity used by the recognize command and trace activities:
/// {"type","text","start","end","resolution"} plus "approximate", "use", or "candidates" (and no
/// "resolution") when 오전/오후 was not said.
/// </summary>
public static class EntityJson
{
    public static JsonObject ToJson(RecognizedEntity entity)
    {
        var json = new JsonObject
        {
            ["type"] = entity.Type.ToString(),
            ["text"] = entity.Text,
            ["start"] = entity.Start,
            ["end"] = entity.End,
        };
        switch (entity.Resolution)
        {
            case DateResolution date:
                json["resolution"] = date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case TimeResolution time:
                AddCandidates(json, time.Candidates.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)).ToList(), time.Approximate);
                break;
            case DateTimeResolution dateTime:
                AddCandidates(json, dateTime.Candidates.Select(t => t.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).ToList(), dateTime.Approximate);
                break;
            case CarNumberResolution plate:
                json["resolution"] = plate.Plate;
                json["use"] = plate.Use.ToString().ToLowerInvariant();
                break;
            case YesNoResolution answer:
                json["resolution"] = answer.Yes ? "yes" : "no";
                break;
            case AmountResolution amount:
                json["resolution"] = amount.Won;
                break;
            case PhoneResolution phone:
                json["resolution"] = phone.Number;
                break;
        }
        return json;
    }

    private static void AddCandidates(JsonObject json, List<string> values, bool approximate)
    {
        if (values.Count == 1)
        {
            json["resolution"] = values[0];
        }
        else
        {
            json["candidates"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
        }
        if (approximate)
        {
            json["approximate"] = true;
        }
    }
}

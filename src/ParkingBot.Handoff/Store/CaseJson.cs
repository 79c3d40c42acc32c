using System.Text.Json;
using System.Text.Json.Serialization;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Handoff.Store;

/// <summary>How cases and transcript lines are stored as JSON, whatever the database (enums by name).</summary>
internal static class CaseJson
{
    public static readonly JsonSerializerOptions Options = new(BotJson.Options)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

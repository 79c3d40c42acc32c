using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParkingBot.Parking.Store;

/// <summary>How domain records are stored as JSON: camelCase, enums by name.</summary>
internal static class DomainJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace ParkingBot.Framework.Schema;

/// <summary>The one JSON shape of the Bot Framework wire: camelCase, no nulls, no empty strings or arrays.</summary>
public static class BotJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Korean text stays readable in transcripts and stored state instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyValues } },
        };
        options.MakeReadOnly();
        return options;
    }

    // Spec A2004/A2100/A3050: senders should not include empty strings or empty entities/attachments.
    private static void OmitEmptyValues(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace != typeof(Activity).Namespace)
        {
            return;
        }
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = (_, value) => !string.IsNullOrEmpty((string?)value);
            }
            else if (typeof(ICollection).IsAssignableFrom(property.PropertyType) && !property.IsExtensionData)
            {
                property.ShouldSerialize = (_, value) => value is ICollection { Count: > 0 };
            }
        }
    }
}

/// <summary>timestamp and expiration are UTC with an explicit Z (spec A2043, A3090).</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ParkingBot.Logging;

/// <summary>
/// One JSON object per line (time, level, category, message, exception, scopes such as ConversationId)
/// with car numbers and phone numbers masked in every text field, whoever logged them.
/// </summary>
public sealed class MaskedJsonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "masked-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow);
            writer.WriteString("level", logEntry.LogLevel.ToString());
            writer.WriteString("category", logEntry.Category);
            writer.WriteString("message", SensitiveDataMasker.Mask(message));
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("exception", SensitiveDataMasker.Mask(exception.ToString()));
            }
            writer.WriteStartObject("scopes");
            scopeProvider?.ForEachScope((scope, state) => WriteScope(scope, state), writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        textWriter.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteScope(object? scope, Utf8JsonWriter writer)
    {
        if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var (key, value) in properties)
            {
                if (!key.StartsWith('{') && value is not null)
                {
                    writer.WriteString(key, SensitiveDataMasker.Mask(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
            }
        }
    }
}

public static class MaskedJsonConsoleExtensions
{
    /// <summary>Masked console logs: JSON lines for operators' log shipping, or readable lines in Korea's time when <paramref name="readable"/> (Development).</summary>
    public static ILoggingBuilder AddMaskedJsonConsole(this ILoggingBuilder logging, bool readable = false)
    {
        logging.ClearProviders();
        logging.AddConsole(options => options.FormatterName = readable ? MaskedTextConsoleFormatter.FormatterName : MaskedJsonConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<MaskedJsonConsoleFormatter, ConsoleFormatterOptions>();
        logging.AddConsoleFormatter<MaskedTextConsoleFormatter, ConsoleFormatterOptions>();
        return logging;
    }
}

using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ParkingBot.Logging;

/// <summary>
/// The Development console: one readable line per entry in Korea's time ("16:03:12 KST info  Category: message"), the
/// conversation id after it when there is one, car and phone numbers masked as in the JSON lines operators ship.
/// </summary>
public sealed class MaskedTextConsoleFormatter(TimeProvider timeProvider) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "masked-text";
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    public MaskedTextConsoleFormatter() : this(TimeProvider.System)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        var line = $"{timeProvider.GetUtcNow().ToOffset(Korea).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} KST {Level(logEntry.LogLevel)} {category}: {message}";
        string? conversation = null;
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> properties && properties.FirstOrDefault(p => p.Key == "ConversationId").Value is { } id)
            {
                conversation = Convert.ToString(id, CultureInfo.InvariantCulture);
            }
        }, (object?)null);
        if (conversation is not null)
        {
            line += $" [{conversation}]";
        }
        textWriter.WriteLine(SensitiveDataMasker.Mask(line));
        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(SensitiveDataMasker.Mask(exception.ToString()));
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        _ => "CRIT",
    };
}

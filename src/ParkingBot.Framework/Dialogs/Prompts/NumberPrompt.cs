using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>
/// A number in the message ("3", "12,000", "2.5"). A language-specific recognizer (number words)
/// can be passed in; it returns null when it finds nothing.
/// </summary>
public sealed partial class NumberPrompt<T>(string id, PromptValidator<T>? validator = null, Func<string, T?>? recognizer = null)
    : Prompt<T>(id, validator)
    where T : struct, INumber<T>
{
    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text ?? "";
        var value = (recognizer ?? FirstNumber)(text);
        return Task.FromResult(value is { } number ? new PromptRecognizerResult<T>(true, number) : PromptRecognizerResult<T>.NotRecognized);
    }

    private static T? FirstNumber(string text)
    {
        var match = NumberPattern().Match(text);
        return match.Success && T.TryParse(match.Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"-?\d{1,3}(,\d{3})+(\.\d+)?|-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}

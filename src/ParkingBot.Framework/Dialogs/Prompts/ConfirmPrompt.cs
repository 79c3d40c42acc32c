using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>Tells yes from no in a message; null when it is neither.</summary>
public interface IConfirmRecognizer
{
    bool? Recognize(string? text, string? locale);
}

/// <summary>
/// A yes/no question. The yes and no labels come from <see cref="PromptOptions.Choices"/> (yes first) and
/// are shown as suggested actions; a language's yes/no recognizer can be plugged in.
/// </summary>
public class ConfirmPrompt(string id, PromptValidator<bool>? validator = null, IConfirmRecognizer? recognizer = null)
    : Prompt<bool>(id, validator)
{
    private readonly IConfirmRecognizer _recognizer = recognizer ?? new LabelConfirmRecognizer();

    protected override Activity Decorate(Activity prompt, PromptOptions options)
    {
        if (options.Choices is { Count: 2 } labels)
        {
            prompt.SuggestedActions = new SuggestedActions { Actions = labels.Select(c => CardAction.ImBack(c.Title ?? c.Value)).ToList() };
        }
        return base.Decorate(prompt, options);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text;
        var answer = options.Choices is { Count: 2 } labels && ChoiceRecognizer.Recognize(text, labels) is { } found
            ? found.Index == 0
            : _recognizer.Recognize(text, turnContext.Activity.Locale);
        return Task.FromResult(answer is { } yes ? new PromptRecognizerResult<bool>(true, yes) : PromptRecognizerResult<bool>.NotRecognized);
    }

    /// <summary>The fallback when no language recognizer is plugged in: the labels themselves, and yes/no.</summary>
    private sealed class LabelConfirmRecognizer : IConfirmRecognizer
    {
        public bool? Recognize(string? text, string? locale) => text?.Trim().ToLowerInvariant() switch
        {
            "yes" or "y" or "true" => true,
            "no" or "n" or "false" => false,
            _ => null,
        };
    }
}

using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>Any non-blank text.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text)
            ? PromptRecognizerResult<string>.NotRecognized
            : new PromptRecognizerResult<string>(true, text));
    }
}

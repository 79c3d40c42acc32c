using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>
/// One of a list of choices, shown as suggested actions. Accepts the title, the value, a synonym,
/// the choice's number (1-based), or a message that contains exactly one choice.
/// </summary>
public class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    protected override Activity Decorate(Activity prompt, PromptOptions options)
    {
        if (options.Choices is { Count: > 0 } choices)
        {
            prompt.SuggestedActions = new SuggestedActions
            {
                Actions = choices.Select(c => CardAction.ImBack(c.Title ?? c.Value)).ToList(),
            };
        }
        return base.Decorate(prompt, options);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var found = ChoiceRecognizer.Recognize(turnContext.Activity.Text, options.Choices ?? []);
        return Task.FromResult(found is null ? PromptRecognizerResult<FoundChoice>.NotRecognized : new PromptRecognizerResult<FoundChoice>(true, found));
    }
}

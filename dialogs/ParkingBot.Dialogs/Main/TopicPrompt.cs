using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// The topic question: a shown choice (button, title or number), any menu title, or a free-text message the
/// recognizer is sure about. The found choice's value is the topic id.
/// </summary>
public sealed class TopicPrompt(string id, ResponseScripts scripts, TurnUnderstanding understanding, PromptValidator<FoundChoice> validator)
    : ChoicePrompt(id, validator)
{
    protected override async Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var shown = await base.OnRecognizeAsync(turnContext, options, cancellationToken);
        if (shown.Succeeded)
        {
            return shown;
        }
        if (ChoiceRecognizer.Recognize(turnContext.Activity.Text, MenuCards.Choices(scripts)) is { } fromMenu)
        {
            return new PromptRecognizerResult<FoundChoice>(true, fromMenu);
        }
        return await understanding.UnderstandAsync(turnContext, cancellationToken) is { } understood && TopicRouter.Confident(understood) is { } topic
            ? new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(topic.Id, -1))
            : PromptRecognizerResult<FoundChoice>.NotRecognized;
    }
}

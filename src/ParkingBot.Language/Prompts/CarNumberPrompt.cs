using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Prompts;

/// <summary>A complete car number anywhere in the message ("제 차는 12가 3456이에요" → 12가3456).</summary>
public sealed class CarNumberPrompt(string id, KoreanEntityRecognizer recognizer, PromptValidator<CarNumberResolution>? validator = null)
    : Prompt<CarNumberResolution>(id, validator)
{
    protected override Task<PromptRecognizerResult<CarNumberResolution>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var plate = recognizer.FindPersonalData(turnContext.Activity.Text ?? "").Select(e => e.Resolution).OfType<CarNumberResolution>().FirstOrDefault();
        return Task.FromResult(plate is not null ? new PromptRecognizerResult<CarNumberResolution>(true, plate) : PromptRecognizerResult<CarNumberResolution>.NotRecognized);
    }
}

using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Prompts;

/// <summary>
/// A time in Korean (오후 2시 반, 14:30, 세 시쯤, 내일 아침 9시) as a full moment: a day said with it is kept, and a
/// time said alone is placed on the asked side of now (see <see cref="Moments"/>).
/// </summary>
public sealed class TimePrompt(string id, TimeDirection direction, KoreanEntityRecognizer recognizer, TimeProvider timeProvider, PromptValidator<RecognizedMoment>? validator = null)
    : Prompt<RecognizedMoment>(id, validator)
{
    protected override Task<PromptRecognizerResult<RecognizedMoment>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var now = PromptClock.Now(turnContext.Activity, timeProvider);
        var moment = Moments.First(recognizer.Recognize(turnContext.Activity.Text ?? "", now), now.ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime, direction);
        return Task.FromResult(moment is not null ? new PromptRecognizerResult<RecognizedMoment>(true, moment) : PromptRecognizerResult<RecognizedMoment>.NotRecognized);
    }
}

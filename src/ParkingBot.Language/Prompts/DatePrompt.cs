using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Prompts;

/// <summary>A calendar date in Korean (어제, 11월 3일, 지난주 금요일); a date-time answer gives its date.</summary>
public sealed class DatePrompt(string id, KoreanEntityRecognizer recognizer, TimeProvider timeProvider, PromptValidator<DateOnly>? validator = null)
    : Prompt<DateOnly>(id, validator)
{
    protected override Task<PromptRecognizerResult<DateOnly>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var now = PromptClock.Now(turnContext.Activity, timeProvider);
        var date = recognizer.Recognize(turnContext.Activity.Text ?? "", now).Select(e => e.Resolution switch
        {
            DateResolution d => d.Date,
            DateTimeResolution dt => DateOnly.FromDateTime(dt.Candidates[0]),
            _ => (DateOnly?)null,
        }).FirstOrDefault(d => d is not null);
        return Task.FromResult(date is { } found ? new PromptRecognizerResult<DateOnly>(true, found) : PromptRecognizerResult<DateOnly>.NotRecognized);
    }
}

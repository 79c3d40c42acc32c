using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Prompts;

/// <summary>Whether the asked-for time lies before now (entry time) or after it (planned exit).</summary>
public enum TimeDirection
{
    Past,
    Future,
}

/// <summary>A time of day and whether the customer said it was approximate (쯤, 경).</summary>
public sealed record RecognizedTime(TimeOnly Time, bool Approximate);

/// <summary>
/// A time of day in Korean (오후 2시 반, 14:30, 세 시쯤). When 오전/오후 was not said, the candidate on the
/// asked side of now wins: the latest one not after now for the past, the earliest one after now for the future.
/// </summary>
public sealed class TimePrompt(string id, TimeDirection direction, KoreanEntityRecognizer recognizer, TimeProvider timeProvider, PromptValidator<RecognizedTime>? validator = null)
    : Prompt<RecognizedTime>(id, validator)
{
    protected override Task<PromptRecognizerResult<RecognizedTime>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var now = TimeOnly.FromDateTime(PromptClock.Now(turnContext.Activity, timeProvider).ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime);
        var time = recognizer.Recognize(turnContext.Activity.Text ?? "", PromptClock.Now(turnContext.Activity, timeProvider))
            .Select(e => e.Resolution switch
            {
                TimeResolution t => new RecognizedTime(Pick(t.Candidates, now), t.Approximate),
                DateTimeResolution dt => new RecognizedTime(Pick(dt.Candidates.Select(TimeOnly.FromDateTime).ToList(), now), dt.Approximate),
                _ => null,
            })
            .FirstOrDefault(t => t is not null);
        return Task.FromResult(time is not null ? new PromptRecognizerResult<RecognizedTime>(true, time) : PromptRecognizerResult<RecognizedTime>.NotRecognized);
    }

    private TimeOnly Pick(IReadOnlyList<TimeOnly> candidates, TimeOnly now) =>
        candidates.Count == 1
            ? candidates[0]
            : direction == TimeDirection.Past
                ? candidates.Where(c => c <= now).DefaultIfEmpty(candidates[^1]).Max()
                : candidates.Where(c => c > now).DefaultIfEmpty(candidates[0]).Min();
}

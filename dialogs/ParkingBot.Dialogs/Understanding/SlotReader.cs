using ParkingBot.Framework.Builder;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// Reads every slot a message carries, whatever was asked, against the question it answers: a date is the usage
/// date (except at the exit-time questions), a time is the planned exit where exit is asked or the customer says so
/// ("6시에 나갈 거예요", "내일 아침 9시에 뺄게요", kept with its day) and the entry time otherwise, a car number is the car,
/// a lot is looked up among the store's lots, and "지금 출구에서 못 나가고 있어요" means leaving now. In a correction
/// ("어제가 아니라 그제요") the last value written wins. Read once per turn.
/// </summary>
public sealed partial class SlotReader(TurnUnderstanding understanding, LotDirectory lots, CustomerPhrases phrases, AnswerJudge judge, TimeProvider timeProvider)
{
    private const string TurnStateKey = "ParkingBot.MessageSlots";
    private static readonly TimeSpan SoonEnoughToBeNow = TimeSpan.FromMinutes(30);
    private static readonly HashSet<string> ExitQuestions = [Expecting.ImmediateExit, Expecting.PlannedExit, Expecting.LeavingNow];

    /// <summary>A station exit names a place ("강남역 2번 출구 앞", "강남역 출구 앞에 공영주차장"), not the lot's exit the customer is at.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+\s*번|역)\s*출구(\s*(앞|쪽|근처))?")]
    private static partial System.Text.RegularExpressions.Regex SubwayExit();

    /// <summary>This turn's slots, read against <paramref name="expecting"/> (the question being answered) the first time.</summary>
    public async Task<MessageSlots> ReadAsync(ITurnContext turnContext, string? expecting, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<MessageSlots>(TurnStateKey) is { } cached)
        {
            return cached;
        }
        var said = MessageSlots.None;
        if (await understanding.UnderstandAsync(turnContext, cancellationToken) is { } understood)
        {
            var now = PromptClock.Now(turnContext.Activity, timeProvider).ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime;
            var lotName = understood.Intent.Entities.FirstOrDefault(e => e.Category == "LotName")?.Text;
            said = await ReadAsync(turnContext.Activity.Text!, understood.Entities, lotName, expecting, now);
        }
        turnContext.TurnState[TurnStateKey] = said;
        return said;
    }

    /// <summary>A moment said with its day that is still to come ("30분 뒤", "내일 아침 9시"): only an exit can be.</summary>
    private static bool IsLater(EntityResolution resolution, DateTime now) =>
        resolution is DateTimeResolution { IsAmbiguous: false } moment && moment.Candidates[0] > now.AddMinutes(5);

    /// <summary>The slots read this turn, if they were read.</summary>
    public static MessageSlots? ThisTurn(ITurnContext turnContext) => turnContext.TurnState.Get<MessageSlots>(TurnStateKey);

    private async Task<MessageSlots> ReadAsync(string text, IReadOnlyList<RecognizedEntity> entities, string? lotName, string? expecting, DateTime now)
    {
        var timesAreExit = expecting is not null && ExitQuestions.Contains(expecting)
            || expecting != Expecting.EntryTime && CustomerPhrases.Contains(text, phrases.Cues.ExitTime) && !CustomerPhrases.Contains(text, phrases.Cues.EntryTime);
        DateOnly? date = null;
        DateTime? entry = null, exit = null;
        string? car = null;
        long? amount = null;
        var correcting = CustomerPhrases.Contains(text, phrases.Cues.Correction);
        foreach (var entity in correcting ? entities.Reverse() : entities.AsEnumerable())
        {
            switch (entity.Resolution)
            {
                case DateResolution day when expecting is null || !ExitQuestions.Contains(expecting):
                    date ??= day.Date;
                    break;
                case DateTimeResolution or TimeResolution when timesAreExit || IsLater(entity.Resolution, now):
                    exit ??= Moments.Resolve(entity.Resolution, now, TimeDirection.Future)?.Moment;
                    break;
                case DateTimeResolution moment:
                    date ??= DateOnly.FromDateTime(moment.Candidates[0]);
                    entry ??= Moments.Resolve(moment, now, TimeDirection.Past)?.Moment;
                    break;
                case TimeResolution:
                    entry ??= Moments.Resolve(entity.Resolution, now, TimeDirection.Past)?.Moment;
                    break;
                case CarNumberResolution plate:
                    car ??= plate.Plate;
                    break;
                case AmountResolution won:
                    amount ??= won.Won;
                    break;
            }
        }
        var leavingNow = (expecting is Expecting.ImmediateExit or Expecting.LeavingNow ? judge.Judge(text, expecting, entities) : null)
            ?? (CustomerPhrases.Contains(SubwayExit().Replace(text, " "), phrases.Cues.LeavingNow) ? true : (bool?)null)
            ?? (exit is { } planned ? planned - now <= SoonEnoughToBeNow : (bool?)null);
        var ownCar = CustomerPhrases.Contains(text, phrases.Cues.NotOwnCar) ? false : CustomerPhrases.Contains(text, phrases.Cues.OwnCar) ? true : (bool?)null;
        var lot = await lots.FindAsync(text, last: correcting) ?? (lotName is { Length: > 0 } ? await lots.FindAsync(lotName) ?? new LotMention([], lotName) : null);
        return new MessageSlots { UsageDate = date, CarNumber = car, Lot = lot, EntryTime = entry, PlannedExit = exit, LeavingNow = leavingNow, OwnCar = ownCar, Amount = amount,
            Facts = judge.Facts(text), AsksRefund = CustomerPhrases.Contains(text, phrases.Cues.Refund),
            AlreadyLeft = CustomerPhrases.Contains(text, phrases.Cues.AlreadyLeft), Statuses = phrases.StatusesNamedIn(text) };
    }
}

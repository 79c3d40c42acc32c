using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Parking.Model;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// A choice among usages that also takes the amount, car or lot this message gives ("7천원 나간 거요", "34나 5678 거요",
/// "강남역꺼요"): the one usage whose synonyms hold them all (the synonyms carry each usage's amount, car and lot names);
/// and, where those leave several, the one the message describes by when it began or how it shows ("세 시간 반쯤 전부터
/// 이용 중인 거요", "제가 앱에서 취소한 거요", <see cref="UsageNarrowing"/>; a status said earlier in the inquiry, "주차
/// 중이라고 알림이 왔는데", counts too).
/// </summary>
public sealed class UsageChoicePrompt(string id, PromptValidator<FoundChoice> validator, SlotMemory? inquiry = null,
    Func<ITurnContext, IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<Usage>>>? usagesOf = null) : ChoicePrompt(id, validator)
{
    protected override async Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var shown = await base.OnRecognizeAsync(turnContext, options, cancellationToken);
        if (shown.Succeeded || SlotReader.ThisTurn(turnContext) is not { } said || options.Choices is not { Count: > 0 } choices)
        {
            return shown;
        }
        var given = new[] { said.Amount is { } won ? KoreanFormat.WonPlain(won) : null, said.CarNumber, said.Lot is { IsKnown: true } lot ? lot.Said : null }.OfType<string>().ToList();
        var holding = choices.Select((choice, index) => (choice, index))
            .Where(c => given.All(value => c.choice.Synonyms?.Contains(value) == true))
            .ToList();
        if (given.Count > 0 && holding.Count == 1)
        {
            return Chosen(holding[0].choice, holding[0].index);
        }
        if (usagesOf is null || inquiry is null || holding.Count == 0)
        {
            return shown;
        }
        var hints = new UsageHints(said.EntryTime, (await inquiry.GetAsync(turnContext, cancellationToken)).StatusesSaid, said.Amount);
        if (!hints.Any)
        {
            return shown;
        }
        var usages = await usagesOf(turnContext, holding.Select(c => c.choice.Value).ToList(), cancellationToken);
        if (usages.Count < 2 || UsageNarrowing.Narrow(usages, hints) is not [var meant])
        {
            return shown;
        }
        var (choice, index) = holding.First(c => c.choice.Value == meant.Id);
        return Chosen(choice, index);
    }

    private static PromptRecognizerResult<FoundChoice> Chosen(Choice choice, int index) => new(true, new FoundChoice(choice.Value, index));
}

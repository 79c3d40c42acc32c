using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// A choice among usages that also takes the amount, car or lot this message gives ("7천원 나간 거요", "34나 5678 거요",
/// "강남역꺼요"): the one usage whose synonyms hold them all (the synonyms carry each usage's amount, car and lot names).
/// </summary>
public sealed class UsageChoicePrompt(string id, PromptValidator<FoundChoice> validator) : ChoicePrompt(id, validator)
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
            .Where(c => given.Count > 0 && given.All(value => c.choice.Synonyms?.Contains(value) == true))
            .ToList();
        return holding.Count == 1 ? new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(holding[0].choice.Value, holding[0].index)) : shown;
    }
}

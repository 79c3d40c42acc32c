using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// A yes/no question judged against itself: its id is the question's name (<see cref="Expecting"/>), whose phrases say
/// what counts as yes and no for it ("호출버튼이 없는데요?" is no to 호출버튼 있으신가요?). A question a slot answers
/// takes the slot this message gave ("아뇨 저녁 6시쯤 나갈 거예요" is no to 지금 바로 출차하시나요?, with the time).
/// The 예 and 아니오 buttons are shown.
/// </summary>
public sealed class YesNoPrompt(string expecting, AnswerJudge judge, PromptValidator<bool>? validator = null, Func<MessageSlots, bool?>? fromSlots = null)
    : ConfirmPrompt(expecting, validator)
{
    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text;
        var answer = Button(text, options)
            ?? (fromSlots is not null && SlotReader.ThisTurn(turnContext) is { } said ? fromSlots(said) : null)
            ?? judge.Judge(text, Id, TurnUnderstanding.ThisTurn(turnContext)?.Entities);
        return Task.FromResult(answer is { } yes ? new PromptRecognizerResult<bool>(true, yes) : PromptRecognizerResult<bool>.NotRecognized);
    }

    /// <summary>The 예 or 아니오 button, or its number (yes is the first choice).</summary>
    private static bool? Button(string? text, PromptOptions options)
    {
        var said = NameRecognizer.Compact(text ?? "");
        if (options.Choices is { Count: 2 } && said is "1" or "2")
        {
            return said == "1";
        }
        return options.Choices is { Count: 2 } labels && labels.FindIndex(c => NameRecognizer.Compact(c.Title ?? c.Value) == said) is var index and >= 0
            ? index == 0
            : null;
    }
}

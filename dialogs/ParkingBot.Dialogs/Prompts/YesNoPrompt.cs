using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// A yes/no question judged against itself: its id is the question's name (<see cref="Expecting"/>), whose phrases say
/// what counts as yes and no for it ("호출버튼이 없는데요?" is no to 호출버튼 있으신가요?), and where they find nothing,
/// the learned classifier's yes or no when it is sure (this turn's <see cref="LearnedReading"/>). A question a slot answers takes the slot this message gave
/// ("아뇨 저녁 6시쯤 나갈 거예요" is no to 지금 바로 출차하시나요?, with the time). When the classifier only leans to
/// an answer, the question asks whether it understood (<see cref="ClarifyingQuestions"/>) instead of guessing or
/// asking for 예/아니오; the customer's yes keeps the guess, their no turns it. The 예 and 아니오 buttons are shown.
/// </summary>
public sealed class YesNoPrompt(string expecting, AnswerJudge judge, PromptValidator<bool>? validator = null, Func<MessageSlots, bool?>? fromSlots = null,
    ClarifyingQuestions? clarifying = null)
    : ConfirmPrompt(expecting, validator)
{
    // The guess a clarifying question asked about, in the prompt's own state until the next message settles it.
    private const string GuessKey = "clarifying";

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var state = dc.ActiveDialog!.State;
        var text = dc.Context.Activity.Text;
        if (!dc.Context.Activity.IsType(ActivityTypes.Message) || string.IsNullOrWhiteSpace(text))
        {
            return await base.ContinueDialogAsync(dc, cancellationToken);
        }
        var entities = TurnUnderstanding.ThisTurn(dc.Context)?.Entities;
        if (state[GuessKey]?.GetValue<bool>() is { } guess)
        {
            state.Remove(GuessKey);
            // 네 or 아니요 to "…라는 말씀이시죠?": the plain yes/no words, not the question's own ("없어요" answers the question itself).
            if ((Button(text, ReadOptions(dc.ActiveDialog!)) ?? judge.Judge(text, null, entities)) is { } confirmed)
            {
                return await dc.EndDialogAsync(confirmed ? guess : !guess, cancellationToken);
            }
        }
        else if (clarifying is not null && Recognize(dc.Context, ReadOptions(dc.ActiveDialog!)) is null
            && LearnedReading.ThisTurn(dc.Context, Id)?.Unsure is { } lean && clarifying.For(Id, lean) is { } question)
        {
            state[GuessKey] = lean;
            await dc.Context.SendActivityAsync(Decorate(question, ReadOptions(dc.ActiveDialog!)), cancellationToken);
            return EndOfTurn;
        }
        return await base.ContinueDialogAsync(dc, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Recognize(turnContext, options) is { } yes ? new PromptRecognizerResult<bool>(true, yes) : PromptRecognizerResult<bool>.NotRecognized);

    private bool? Recognize(ITurnContext turnContext, PromptOptions options)
    {
        var text = turnContext.Activity.Text;
        return Button(text, options)
            ?? (fromSlots is not null && SlotReader.ThisTurn(turnContext) is { } said ? fromSlots(said) : null)
            ?? judge.Judge(text, Id, TurnUnderstanding.ThisTurn(turnContext)?.Entities)
            ?? LearnedReading.ThisTurn(turnContext, Id)?.Sure;
    }

    /// <summary>Asked again (after a follow-up answered, help given), the question is its own again: the guess is dropped.</summary>
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        instance.State.Remove(GuessKey);
        return base.RepromptDialogAsync(turnContext, instance, cancellationToken);
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

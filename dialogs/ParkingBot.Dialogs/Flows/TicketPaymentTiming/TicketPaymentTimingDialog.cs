using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Dialogs.Flows.TicketPaymentTiming;

/// <summary>Playbook 000 Q2 "주차권은 언제 결제되나요?": which lot, then when that lot charges the ticket.</summary>
public sealed class TicketPaymentTimingDialog : ComponentDialog
{
    private const string LotPrompt = "lotPrompt";
    private readonly ResponseScripts _scripts;
    private readonly ILotPaymentTiming _paymentTiming;

    public TicketPaymentTimingDialog(ResponseScripts scripts, ILotPaymentTiming paymentTiming) : base(nameof(TicketPaymentTimingDialog))
    {
        _scripts = scripts;
        _paymentTiming = paymentTiming;
        AddDialog(new WaterfallDialog<TicketPaymentTimingOptions, TicketPaymentTimingValues>("paymentTimingFlow",
            [AskLotAsync, AnswerTimingAsync]));
        AddDialog(new TextPrompt(LotPrompt));
    }

    private async Task<DialogTurnResult> AskLotAsync(WaterfallStepContext<TicketPaymentTimingOptions, TicketPaymentTimingValues> step, CancellationToken cancellationToken)
    {
        if (step.Options.LotName is { Length: > 0 } known)
        {
            return await step.NextAsync(known, cancellationToken);
        }
        return await step.PromptAsync(LotPrompt, new PromptOptions
        {
            Prompt = _scripts.Message(ResponseKeys.PaymentTimingAskLot),
            RetryPrompt = _scripts.Message(ResponseKeys.PaymentTimingAskLotRetry),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerTimingAsync(WaterfallStepContext<TicketPaymentTimingOptions, TicketPaymentTimingValues> step, CancellationToken cancellationToken)
    {
        var lotName = step.GetResult<string>();
        step.Values.LotName = lotName;
        var answer = _paymentTiming.For(lotName) switch
        {
            PaymentTiming.AtReservation => ResponseKeys.PaymentTimingAtReservation,
            PaymentTiming.AtEntry => ResponseKeys.PaymentTimingAtEntry,
            _ => ResponseKeys.PaymentTimingAtExit,
        };
        await step.Context.SendActivitiesAsync(
            [_scripts.Message(answer, ("lotName", lotName)), _scripts.Message(ResponseKeys.PaymentTimingAutoExitGuide)], cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}

/// <summary>Slots the caller already knows (the router pre-fills them from the first message).</summary>
public sealed class TicketPaymentTimingOptions
{
    public string? LotName { get; set; }
}

public sealed class TicketPaymentTimingValues
{
    public string? LotName { get; set; }
}

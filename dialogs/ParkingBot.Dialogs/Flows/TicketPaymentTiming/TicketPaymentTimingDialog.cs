using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;

namespace ParkingBot.Dialogs.Flows.TicketPaymentTiming;

/// <summary>
/// Playbook 000 Q2 "주차권은 언제 결제되나요?": which lot, then when that lot charges the ticket — from the lot in the parking
/// store (its official name is said back), or the configured default for a lot the store does not know.
/// </summary>
public sealed class TicketPaymentTimingDialog : ComponentDialog
{
    private const string LotPrompt = "lotPrompt";
    private readonly ResponseScripts _scripts;
    private readonly IParkingOperations _operations;
    private readonly DefaultPaymentTiming _default;

    public TicketPaymentTimingDialog(ResponseScripts scripts, IParkingOperations operations, DefaultPaymentTiming defaultTiming) : base(nameof(TicketPaymentTimingDialog))
    {
        _scripts = scripts;
        _operations = operations;
        _default = defaultTiming;
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
        var said = step.GetResult<string>();
        var known = await _operations.FindLotsAsync(said, cancellationToken);
        var lotName = known.Count == 1 ? known[0].Name : said;
        step.Values.LotName = lotName;
        var answer = (known.Count == 1 ? known[0].PaymentTiming : _default.Timing) switch
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

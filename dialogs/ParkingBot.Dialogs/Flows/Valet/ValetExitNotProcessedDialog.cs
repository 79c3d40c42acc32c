using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.Valet;

/// <summary>
/// Playbook 004 Q2 "발레 출차처리가 안 돼서 아직 이용 중으로 나와요": a 0-won usage is closed by the bot; with a fee, paid on
/// site → the receipt is attached and the valet zone checks (agent); not paid → the valet zone checks (agent).
/// </summary>
public sealed class ValetExitNotProcessedDialog : ComponentDialog
{
    private const string Category = "발레 ▶ 오류 ▶ 입/출차오인식 ▶ 기타현장";
    private const string PaidOnSite = "valetPaidOnSite";
    private const string Receipt = "valetReceipt";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;

    public ValetExitNotProcessedDialog(ResponseScripts scripts, FlowSupport flow, KoreanEntityRecognizer recognizer)
        : base(nameof(ValetExitNotProcessedDialog))
    {
        _scripts = scripts;
        _flow = flow;
        AddDialog(new WaterfallDialog<FlowOptions, ValetValues>("valetExit", [FindUsageAsync, ExplainAsync, AskReceiptAsync, HandOffAsync]));
        AddDialog(new ConfirmPrompt(PaidOnSite, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
        AddDialog(new AttachmentPrompt(Receipt, FlowValidators.OfferAgentAfterTwoMisses<IReadOnlyList<Attachment>>(scripts)));
    }

    private async Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ValetExitEmpathy), cancellationToken);
        var customer = await _flow.CustomerAsync(step.Context, cancellationToken);
        return customer is null
            ? await step.EndDialogAsync(FlowOutcome.Done, cancellationToken)
            : await step.BeginDialogAsync(nameof(FindUsageDialog), new UsageSearch { CustomerId = customer.Id, Kinds = [UsageKind.Valet], Date = step.Options.UsageDate, CarNumber = step.Options.CarNumber }, cancellationToken);
    }

    private async Task<DialogTurnResult> ExplainAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ValetExitSituation), cancellationToken);
        if (ValetPolicy.DecideExitNotProcessed(usage, paidOnSite: false) == ValetExitRoute.CloseAtZero)
        {
            await _flow.Operations.CloseValetAtZeroAsync(usage.Id, cancellationToken);
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ValetExitClosedAtZero), cancellationToken);
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        return await step.PromptAsync(PaidOnSite,
            KoreanPromptOptions.YesNo(_scripts, ResponseKeys.ValetExitAskPaidOnSite, null, ("amount", KoreanFormat.Won(usage.Amount))), cancellationToken);
    }

    private async Task<DialogTurnResult> AskReceiptAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        step.Values.PaidOnSite = step.GetResult<bool>();
        return step.Values.PaidOnSite
            ? await step.PromptAsync(Receipt, new PromptOptions
            {
                Prompt = _scripts.Message(ResponseKeys.ValetExitAskReceipt),
                RetryPrompt = _scripts.Message(ResponseKeys.ValetExitAskReceiptRetry),
            }, cancellationToken)
            : await step.NextAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        var usage = await _flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.Slots(usage, lot);
        slots["paidOnSite"] = step.Values.PaidOnSite ? "예" : "아니오";
        var receipts = step.Result is IReadOnlyList<Attachment> attachments ? FlowSupport.CaseAttachments(attachments) : [];
        var request = new HandoffRequest("ValetExitNotProcessed", Category,
            step.Values.PaidOnSite ? [HandoffReason.AttachmentReview, HandoffReason.OutboundCall] : [HandoffReason.OutboundCall],
            $"발레 출차처리 누락 — 발레존 확인 필요 ({KoreanFormat.Won(usage.Amount)}, 현장결제 {(step.Values.PaidOnSite ? "함" : "안 함")})", slots)
        {
            Attachments = receipts,
        };
        return await step.EndDialogAsync(await _flow.HandOffAsync(step.Context, request,
            step.Values.PaidOnSite ? ResponseKeys.ValetExitReceiptWaiting : ResponseKeys.ValetExitValetZoneWaiting, cancellationToken), cancellationToken);
    }
}

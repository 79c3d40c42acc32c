using ParkingBot.Framework.Builder;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
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
public sealed class ValetExitNotProcessedDialog : FlowDialog<ValetValues>
{

    public ValetExitNotProcessedDialog(FlowSupport flow) : base(nameof(ValetExitNotProcessedDialog), flow)
    {
        Steps(FindUsageAsync, ExplainAsync, AskReceiptAsync, HandOffAsync);
        YesNoQuestion(Expecting.PaidOnSite);
        AttachmentQuestion(Expecting.Receipt);
    }

    private async Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (!step.Options.Restarted)
        {
            await SayAsync(step.Context, ResponseKeys.ValetExitEmpathy, cancellationToken);
        }
        return await Flow.FindUsageAsync(step, [UsageKind.Valet], cancellationToken);
    }

    private async Task<DialogTurnResult> ExplainAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await EndAsync(step, UsageNotFound, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.ValetExitSituation), cancellationToken);
        if (ValetPolicy.DecideExitNotProcessed(usage, paidOnSite: false) == ValetExitRoute.CloseAtZero)
        {
            var lot = await Flow.LotAsync(usage, cancellationToken);
            if (await Flow.RunCommandAsync(step.Context, "valet.closeAtZero", AgentTextKeys.CommandCloseValetAtZero,
                    key => Flow.Operations.CloseValetAtZeroAsync(usage.Id, key, cancellationToken),
                    new HandoffRequest("ValetExitNotProcessed", Agent.Text(AgentTextKeys.CategoryValetExitNotProcessed), [HandoffReason.BotFailure], "", FlowSupport.CaseSlots(usage, lot)),
                    cancellationToken) is { } refused)
            {
                return await step.EndDialogAsync(refused, cancellationToken);
            }
            await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.ValetExitClosedAtZero), cancellationToken);
            return await EndAsync(step, FlowOutcome.Resolved(nameof(ValetExitRoute.CloseAtZero)), cancellationToken);
        }
        return await AskYesNoAsync(step, Expecting.PaidOnSite, ResponseKeys.ValetExitAskPaidOnSite, cancellationToken, ("amount", KoreanFormat.Won(usage.Amount)));
    }

    private async Task<DialogTurnResult> AskReceiptAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        step.Values.PaidOnSite = step.GetResult<bool>();
        return step.Values.PaidOnSite
            ? await AskForFileAsync(step, Expecting.Receipt, ResponseKeys.ValetExitAskReceipt, ResponseKeys.ValetExitAskReceiptRetry, cancellationToken)
            : await step.NextAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        var usage = await Flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.CaseSlots(usage, lot);
        slots["paidOnSite"] = Agent.YesNo(step.Values.PaidOnSite);
        var receipts = step.Result is IReadOnlyList<Attachment> attachments ? FlowSupport.CaseAttachments(attachments) : [];
        var request = new HandoffRequest("ValetExitNotProcessed", Agent.Text(AgentTextKeys.CategoryValetExitNotProcessed),
            step.Values.PaidOnSite ? [HandoffReason.AttachmentReview, HandoffReason.OutboundCall] : [HandoffReason.OutboundCall],
            Agent.Text(AgentTextKeys.SummaryValetExit, ("amount", KoreanFormat.Won(usage.Amount)),
                ("paidOnSite", Agent.Text(step.Values.PaidOnSite ? AgentTextKeys.SlotPaidOnSite : AgentTextKeys.SlotNotPaidOnSite))), slots)
        {
            Attachments = receipts,
        };
        return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, request,
            step.Values.PaidOnSite ? ResponseKeys.ValetExitReceiptWaiting : ResponseKeys.ValetExitValetZoneWaiting, cancellationToken), cancellationToken);
    }
}

using ParkingBot.Framework.Builder;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.UnusedCharge;

/// <summary>
/// Playbook 002 "제가 이용하지 않았는데 주차 중 알림이 왔어요 / 결제됐어요": empathy, 본인확인, the usage, the car,
/// the misread explained, then by pick status: cancel an in-use pick (bot), cancel a payment or withdraw an
/// outstanding charge (agent, refund; at Incheon Airport the center contacts the airport first), and an equipment check
/// with the improvement promise. The playbook's follow-up questions are answered by <see cref="FollowUps.FollowUpAnswers"/>.
/// </summary>
public sealed class UnusedChargeDialog : FlowDialog<UnusedChargeValues>
{
    private readonly ParkingPolicySettings _settings;

    public UnusedChargeDialog(FlowSupport flow, ParkingPolicySettings settings) : base(nameof(UnusedChargeDialog), flow)
    {
        _settings = settings;
        Steps(CheckIdentityAsync, FindUsageAsync, ConfirmCarAsync, ActByStatusAsync);
        YesNoQuestion(Expecting.CarConfirm);
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken) =>
        Flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.UnusedEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken) =>
        Flow.FindUsageOfHolderAsync(step, [UsageKind.ParkingPass, UsageKind.Ticket, UsageKind.SeasonPass], cancellationToken);

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await EndAsync(step, UsageNotFound, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        return await Flow.ConfirmCarAsync(step, usage, cancellationToken);
    }

    private async Task<DialogTurnResult> ActByStatusAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken)
    {
        var usage = await Flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.CaseSlots(usage, lot);
        var category = Agent.Category(AgentTextKeys.CategoryUnusedCharge, lot);
        if (!step.GetResult<bool>())
        {
            // Not the customer's car on record: only the lot can tell which car entered (차량도용/입차 차량 확인).
            return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, new HandoffRequest("UnusedCharge", category, [HandoffReason.OutboundCall],
                Agent.Text(AgentTextKeys.SummaryUnusedNotMyCar, ("lot", lot.Name)), slots), ResponseKeys.UnusedNotMyCarWaiting, cancellationToken), cancellationToken);
        }

        await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedSituation), cancellationToken);
        var decision = UnusedChargePolicy.Decide(usage, lot);
        slots["compensation"] = decision.Compensation.ToString();
        if (decision.ContactAirportFirst)
        {
            slots["note"] = Agent.Text(AgentTextKeys.SlotAirportNote);
        }
        switch (decision.Action)
        {
            case UnusedChargeAction.CancelPick:
                var ifRefused = new HandoffRequest("UnusedCharge", category, [HandoffReason.BotFailure], "", slots);
                if (await Flow.RunCommandAsync(step.Context, "unused.cancelPick", AgentTextKeys.CommandCancelPick,
                        key => Flow.Operations.CancelInUsePickAsync(usage.Id, key, cancellationToken), ifRefused, cancellationToken) is { } pickRefused)
                {
                    return await step.EndDialogAsync(pickRefused, cancellationToken);
                }
                if (decision.Compensation == UnusedChargeCompensation.LotCompensation
                    && await Flow.RunCommandAsync(step.Context, "unused.lotCompensation", AgentTextKeys.CommandInternalRequest,
                        key => Flow.Operations.RecordInternalRequestAsync(new InternalRequest(Agent.Text(AgentTextKeys.RequestLotCompensation),
                            Agent.Text(AgentTextKeys.RequestLotCompensationDetail, ("usageId", usage.Id)), usage.Id, lot.Id), key, cancellationToken),
                        ifRefused, cancellationToken) is { } requestRefused)
                {
                    return await step.EndDialogAsync(requestRefused, cancellationToken);
                }
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedCancelledInUse), cancellationToken);
                break;
            case UnusedChargeAction.AlreadyCancelledByCustomer:
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedAlreadyCancelled), cancellationToken);
                break;
            case UnusedChargeAction.NothingCharged:
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedNothingCharged), cancellationToken);
                break;
            case UnusedChargeAction.CancelPayment or UnusedChargeAction.WithdrawOutstanding:
                // The refund or withdrawal goes to an agent anyway; a refused equipment check is noted on that case.
                var checkFiled = (await Flow.Operations.FileEquipmentCheckAsync(lot.Id, Agent.Text(AgentTextKeys.RequestEquipmentCheck, ("carNumber", usage.CarNumber)),
                    usage.Id, IdempotencyKeys.For(step.Context, "unused.equipmentCheck"), cancellationToken)).Succeeded;
                if (!checkFiled)
                {
                    slots["equipmentCheck"] = Agent.Text(AgentTextKeys.SlotEquipmentCheckRefused);
                }
                var completed = decision.Action == UnusedChargeAction.CancelPayment;
                var summary = Agent.Text(completed ? AgentTextKeys.SummaryUnusedRefund : AgentTextKeys.SummaryUnusedOutstanding, ("amount", KoreanFormat.Won(usage.Amount)));
                var request = new HandoffRequest("UnusedCharge", category, [HandoffReason.Refund], summary, slots);
                var outcome = decision.ContactAirportFirst
                    ? await Flow.HandOffAsync(step.Context, request, ResponseKeys.UnusedAirportWaiting, cancellationToken)
                    : completed
                        ? await Flow.HandOffAsync(step.Context, request, ResponseKeys.UnusedRefundWaiting, cancellationToken,
                            ("refundDays", $"{_settings.CardRefundMinBusinessDays}-{_settings.CardRefundMaxBusinessDays}"))
                        : await Flow.HandOffAsync(step.Context, request, ResponseKeys.UnusedOutstandingWaiting, cancellationToken);
                return await step.EndDialogAsync(outcome, cancellationToken);
        }
        if (await Flow.RunCommandAsync(step.Context, "unused.equipmentCheck", AgentTextKeys.CommandEquipmentCheck,
                key => Flow.Operations.FileEquipmentCheckAsync(lot.Id, Agent.Text(AgentTextKeys.RequestEquipmentCheck, ("carNumber", usage.CarNumber)), usage.Id, key, cancellationToken),
                new HandoffRequest("UnusedCharge", category, [HandoffReason.BotFailure], "", slots), cancellationToken) is { } checkRefused)
        {
            return await step.EndDialogAsync(checkRefused, cancellationToken);
        }
        await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedImprovement), cancellationToken);
        if (decision.OfferSelfCancelLink)
        {
            await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.UnusedSelfCancelLink, ("link", _settings.SelfCancelLink)), cancellationToken);
        }
        // Cancelling the pick in use did something; the other answers explain a charge that needs nothing done.
        return await EndAsync(step, decision.Action == UnusedChargeAction.CancelPick
            ? FlowOutcome.Resolved(decision.Action.ToString())
            : FlowOutcome.Informed(decision.Action.ToString()), cancellationToken);
    }
}

public sealed class UnusedChargeValues
{
    public string? UsageId { get; set; }
}

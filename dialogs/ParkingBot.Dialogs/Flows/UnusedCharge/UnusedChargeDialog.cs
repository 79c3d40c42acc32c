using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
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
/// outstanding charge (agent, refund), and an equipment check with the improvement promise.
/// </summary>
public sealed class UnusedChargeDialog : ComponentDialog
{
    private const string Category = "주차_고객 ▶ 결제 ▶ 본인 미사용 ▶ {0}";
    private const string CarConfirm = "unusedCarConfirm";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;
    private readonly ParkingPolicySettings _settings;

    public UnusedChargeDialog(ResponseScripts scripts, FlowSupport flow, ParkingPolicySettings settings, KoreanEntityRecognizer recognizer)
        : base(nameof(UnusedChargeDialog))
    {
        _scripts = scripts;
        _flow = flow;
        _settings = settings;
        AddDialog(new WaterfallDialog<FlowOptions, UnusedChargeValues>("unusedCharge",
            [CheckIdentityAsync, FindUsageAsync, ConfirmCarAsync, ActByStatusAsync]));
        AddDialog(new ConfirmPrompt(CarConfirm, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken) =>
        _flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.UnusedEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken) =>
        _flow.FindUsageOfHolderAsync(step, [UsageKind.ParkingPass, UsageKind.Ticket, UsageKind.SeasonPass], cancellationToken);

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        return await _flow.ConfirmCarAsync(step, CarConfirm, usage, cancellationToken);
    }

    private async Task<DialogTurnResult> ActByStatusAsync(WaterfallStepContext<FlowOptions, UnusedChargeValues> step, CancellationToken cancellationToken)
    {
        var usage = await _flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.Slots(usage, lot);
        var category = string.Format(System.Globalization.CultureInfo.InvariantCulture, Category, FlowSupport.Integration(lot));
        if (!step.GetResult<bool>())
        {
            // Not the customer's car on record: only the lot can tell which car entered (차량도용/입차 차량 확인).
            return await step.EndDialogAsync(await _flow.HandOffAsync(step.Context, new HandoffRequest("UnusedCharge", category, [HandoffReason.OutboundCall],
                $"본인 차량이 아니라고 답함 — 주차장에 입차 차량 확인 필요 ({lot.Name})", slots), ResponseKeys.UnusedNotMyCarWaiting, cancellationToken), cancellationToken);
        }

        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedSituation), cancellationToken);
        var decision = UnusedChargePolicy.Decide(usage, lot);
        slots["compensation"] = decision.Compensation.ToString();
        if (decision.ContactAirportFirst)
        {
            slots["note"] = "인천공항: 센터에서 인천공항 연락 후 보전처리 진행";
        }
        switch (decision.Action)
        {
            case UnusedChargeAction.CancelPick:
                await _flow.Operations.CancelInUsePickAsync(usage.Id, cancellationToken);
                if (decision.Compensation == UnusedChargeCompensation.LotCompensation)
                {
                    await _flow.Operations.RecordInternalRequestAsync(new InternalRequest("보전처리", $"본인 미사용 픽 취소 {usage.Id}", usage.Id, lot.Id), cancellationToken);
                }
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedCancelledInUse), cancellationToken);
                break;
            case UnusedChargeAction.AlreadyCancelledByCustomer:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedAlreadyCancelled), cancellationToken);
                break;
            case UnusedChargeAction.NothingCharged:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedNothingCharged), cancellationToken);
                break;
            case UnusedChargeAction.CancelPayment or UnusedChargeAction.WithdrawOutstanding:
                await _flow.Operations.FileEquipmentCheckAsync(lot.Id, $"LPR 오인식 의심 ({usage.CarNumber})", usage.Id, cancellationToken);
                var completed = decision.Action == UnusedChargeAction.CancelPayment;
                var summary = completed ? $"본인 미사용 결제 건 결제취소 요청 ({KoreanFormat.Won(usage.Amount)})" : $"본인 미사용 미수 철회 및 보전처리 요청 ({KoreanFormat.Won(usage.Amount)})";
                var request = new HandoffRequest("UnusedCharge", category, [HandoffReason.Refund], summary, slots);
                var outcome = completed
                    ? await _flow.HandOffAsync(step.Context, request, ResponseKeys.UnusedRefundWaiting, cancellationToken,
                        ("refundDays", $"{_settings.CardRefundMinBusinessDays}-{_settings.CardRefundMaxBusinessDays}"))
                    : await _flow.HandOffAsync(step.Context, request, ResponseKeys.UnusedOutstandingWaiting, cancellationToken);
                return await step.EndDialogAsync(outcome, cancellationToken);
        }
        await _flow.Operations.FileEquipmentCheckAsync(lot.Id, $"LPR 오인식 의심 ({usage.CarNumber})", usage.Id, cancellationToken);
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedImprovement), cancellationToken);
        if (decision.OfferSelfCancelLink)
        {
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UnusedSelfCancelLink, ("link", _settings.SelfCancelLink)), cancellationToken);
        }
        return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
    }
}

public sealed class UnusedChargeValues
{
    public string? UsageId { get; set; }
}

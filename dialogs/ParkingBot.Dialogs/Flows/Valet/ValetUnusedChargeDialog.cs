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

namespace ParkingBot.Dialogs.Flows.Valet;

/// <summary>
/// Playbook 004 Q1 "발레 이용 안 했는데 발레 요금이 결제됐어요": the usage, the registered car. The customer's own car → staff
/// may have mistyped the plate: the department checks and texts (agent). A sold or rental car still on the valet pass →
/// the charge stands; how to cancel the pass and delete the car.
/// </summary>
public sealed class ValetUnusedChargeDialog : ComponentDialog
{
    private const string Category = "발레 ▶ 이용불편/신고 ▶ 미이용결제/ 입차알림 ▶ 기타현장";
    private const string CarConfirm = "valetCarConfirm";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;
    private readonly ParkingPolicySettings _settings;

    public ValetUnusedChargeDialog(ResponseScripts scripts, FlowSupport flow, ParkingPolicySettings settings, KoreanEntityRecognizer recognizer)
        : base(nameof(ValetUnusedChargeDialog))
    {
        _scripts = scripts;
        _flow = flow;
        _settings = settings;
        AddDialog(new WaterfallDialog<FlowOptions, ValetValues>("valetUnused", [FindUsageAsync, ConfirmCarAsync, DecideAsync]));
        AddDialog(new ConfirmPrompt(CarConfirm, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
    }

    private async Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ValetUnusedEmpathy), cancellationToken);
        var customer = await _flow.CustomerAsync(step.Context, cancellationToken);
        return customer is null
            ? await step.EndDialogAsync(FlowOutcome.Done, cancellationToken)
            : await step.BeginDialogAsync(nameof(FindUsageDialog), new UsageSearch { CustomerId = customer.Id, Kinds = [UsageKind.Valet], Date = step.Options.UsageDate, CarNumber = step.Options.CarNumber }, cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        return await _flow.ConfirmCarAsync(step, CarConfirm, usage, cancellationToken);
    }

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        var customer = (await _flow.CustomerAsync(step.Context, cancellationToken))!;
        var usage = await _flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var vehicle = customer.FindVehicle(usage.CarNumber)!;
        var ownCar = step.GetResult<bool>();
        if (!ownCar && ValetPolicy.DecideUnusedCharge(vehicle) == ValetChargeRoute.ChargeStandsGuideCancellation)
        {
            await step.Context.SendActivitiesAsync([
                _scripts.Message(ResponseKeys.ValetUnusedChargeStands),
                _scripts.Message(ResponseKeys.ValetUnusedCancelGuide, ("link", _settings.VehicleManagementLink))], cancellationToken);
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.Slots(usage, lot);
        slots["customerSaysOwnCar"] = ownCar ? "예" : "아니오";
        return await step.EndDialogAsync(await _flow.HandOffAsync(step.Context, new HandoffRequest("ValetUnusedCharge", Category,
            [HandoffReason.OutboundCall], $"발레 미이용 결제 — 발레존 차량번호 오입력 확인 필요 ({KoreanFormat.Won(usage.Amount)})", slots),
            ResponseKeys.ValetUnusedStaffTypoWaiting, cancellationToken), cancellationToken);
    }
}

public sealed class ValetValues
{
    public string? UsageId { get; set; }
    public bool PaidOnSite { get; set; }
}

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

namespace ParkingBot.Dialogs.Flows.Valet;

/// <summary>
/// Playbook 004 Q1 "발레 이용 안 했는데 발레 요금이 결제됐어요": the usage, the registered car. The customer's own car → staff
/// may have mistyped the plate: the department checks and texts (agent). A sold or rental car still on the valet pass →
/// the charge stands; how to cancel the pass and delete the car.
/// </summary>
public sealed class ValetUnusedChargeDialog : FlowDialog<ValetValues>
{
    private readonly ParkingPolicySettings _settings;

    public ValetUnusedChargeDialog(FlowSupport flow, ParkingPolicySettings settings) : base(nameof(ValetUnusedChargeDialog), flow)
    {
        _settings = settings;
        Steps(FindUsageAsync, ConfirmCarAsync, DecideAsync);
        YesNoQuestion(Expecting.CarConfirm);
    }

    private async Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (!step.Options.Restarted)
        {
            await SayAsync(step.Context, ResponseKeys.ValetUnusedEmpathy, cancellationToken);
        }
        return await Flow.FindUsageAsync(step, [UsageKind.Valet], cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await EndAsync(step, UsageNotFound, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        return await Flow.ConfirmCarAsync(step, usage, cancellationToken);
    }

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext<FlowOptions, ValetValues> step, CancellationToken cancellationToken)
    {
        var customer = (await Flow.CustomerAsync(step.Context, cancellationToken))!;
        var usage = await Flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var vehicle = customer.FindVehicle(usage.CarNumber)!;
        var ownCar = step.GetResult<bool>();
        if (!ownCar && ValetPolicy.DecideUnusedCharge(vehicle) == ValetChargeRoute.ChargeStandsGuideCancellation)
        {
            await step.Context.SendActivitiesAsync([
                Scripts.Message(ResponseKeys.ValetUnusedChargeStands),
                Scripts.Message(ResponseKeys.ValetUnusedCancelGuide, ("link", _settings.VehicleManagementLink))], cancellationToken);
            return await EndAsync(step, FlowOutcome.Refused(nameof(ValetChargeRoute.ChargeStandsGuideCancellation)), cancellationToken);
        }
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.CaseSlots(usage, lot);
        slots["customerSaysOwnCar"] = Agent.YesNo(ownCar);
        return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, new HandoffRequest("ValetUnusedCharge", Agent.Text(AgentTextKeys.CategoryValetUnusedCharge),
            [HandoffReason.OutboundCall], Agent.Text(AgentTextKeys.SummaryValetStaffTypo, ("amount", KoreanFormat.Won(usage.Amount))), slots),
            ResponseKeys.ValetUnusedStaffTypoWaiting, cancellationToken), cancellationToken);
    }
}

public sealed class ValetValues
{
    public string? UsageId { get; set; }
    public bool PaidOnSite { get; set; }
}

using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// 002 차량도용/입차 차량 확인, asked for in the middle of any question: consent first, then a call to the lot for an agent.
/// Its steps keep their names (a saved conversation resumes in them after a release).
/// </summary>
public sealed class LotCheckSteps(FlowSupport flow, ConversationOutcomes outcomes)
{
    public WaterfallDialog<MainDialogOptions, MainDialogValues> Dialog(string id) => new(id, [AskLotCheckConsentAsync, CheckWithLotAsync]);

    /// <summary>002 차량도용/입차 차량 확인: "실례지만 저희가 주차장으로 확인하여 안내드려도 괜찮으실까요?"</summary>
    private Task<DialogTurnResult> AskLotCheckConsentAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.PromptAsync(Expecting.LotCheckConsent, KoreanPromptOptions.YesNo(flow.Scripts, ResponseKeys.FollowUpCheckEnteredCarAsk), cancellationToken);

    /// <summary>Yes: the lot is called (a case for an agent) and the conversation waits for the agent. No: back to the question below.</summary>
    private async Task<DialogTurnResult> CheckWithLotAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }
        var slots = await flow.Slots.GetAsync(step.Context, cancellationToken);
        var caseSlots = new Dictionary<string, string>();
        var category = flow.Agent.Text(AgentTextKeys.CategoryCustomerRequest);
        if (slots.UsageId is { } usageId)
        {
            var usage = await flow.UsageAsync(step.Context, usageId, cancellationToken);
            var lot = await flow.LotAsync(usage, cancellationToken);
            caseSlots = FlowSupport.CaseSlots(usage, lot);
            category = flow.Agent.Category(AgentTextKeys.CategoryUnusedCharge, lot);
        }
        outcomes.Stopped(step.Context, FlowEnding.HandedOff, nameof(HandoffReason.OutboundCall), sessionEnd: "handedOff");
        await flow.HandOffAsync(step.Context, new HandoffRequest(slots.TopicId ?? "UnusedCharge", category, [HandoffReason.OutboundCall],
            flow.Agent.Text(AgentTextKeys.SummaryCheckEnteredCar), caseSlots), ResponseKeys.FollowUpCheckEnteredCarWaiting, cancellationToken);
        await step.DialogContext.CancelAllDialogsAsync(cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }
}

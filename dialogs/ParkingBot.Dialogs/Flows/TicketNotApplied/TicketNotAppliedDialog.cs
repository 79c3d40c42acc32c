using ParkingBot.Framework.Builder;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.TicketNotApplied;

/// <summary>
/// Playbook 000 Q1 "주차권이 계속 예약완료 상태예요, 자동출차가 안 돼요": 본인확인, the ticket, its entry time (asked only when
/// the record has none) and car, the ticket policy (entered before the window or reserved after entry → it cannot apply,
/// said as the one cause), otherwise the misread explained and the exit: now, or when (a full moment, so "내일 아침 9시"
/// past the window hears that the excess is paid on site). The bot registers the ticket by web discount where the lot
/// allows it, otherwise the lot is called (OB).
/// </summary>
public sealed class TicketNotAppliedDialog : FlowDialog<TicketValues>
{
    public TicketNotAppliedDialog(FlowSupport flow) : base(nameof(TicketNotAppliedDialog), flow)
    {
        Steps(CheckIdentityAsync, FindUsageAsync, AskEntryTimeAsync, ConfirmCarAsync, CheckPolicyAsync, AskPlannedExitAsync, FixAsync);
        AddDialog(new TimePrompt(Expecting.EntryTime, TimeDirection.Past, flow.Recognizer, flow.TimeProvider, FlowValidators.OfferAgentAfterTwoMisses<RecognizedMoment>(Scripts)));
        AddDialog(new TimePrompt(Expecting.PlannedExit, TimeDirection.Future, flow.Recognizer, flow.TimeProvider, FlowValidators.OfferAgentAfterTwoMisses<RecognizedMoment>(Scripts)));
        YesNoQuestion(Expecting.CarConfirm);
        YesNoQuestion(Expecting.ImmediateExit, said => said.LeavingNow);
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        Flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.TicketEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        Flow.FindUsageOfHolderAsync(step, [UsageKind.Ticket], cancellationToken);

    private async Task<DialogTurnResult> AskEntryTimeAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await EndAsync(step, UsageNotFound, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        if (usage.EntryAt is { } recorded)
        {
            return await step.NextAsync(new RecognizedMoment(recorded.ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime, false), cancellationToken);
        }
        return (await SlotsAsync(step.Context, cancellationToken)).EntryTime is { } known
            ? await step.NextAsync(new RecognizedMoment(known, true), cancellationToken)
            : await step.PromptAsync(Expecting.EntryTime, KoreanPromptOptions.Time(Scripts, ResponseKeys.TicketAskEntryTime), cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        step.Values.EntryTime = step.GetResult<RecognizedMoment>().Time;
        return await Flow.ConfirmCarAsync(step, await UsageAsync(step, cancellationToken), cancellationToken);
    }

    private async Task<DialogTurnResult> CheckPolicyAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(step, cancellationToken);
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(await HandOffAsync(step, usage, immediate: false, Agent.Text(AgentTextKeys.SummaryTicketOtherCar), cancellationToken), cancellationToken);
        }
        switch (TicketPolicy.Decide(usage, await Flow.LotAsync(usage, cancellationToken)))
        {
            case TicketReason.EnteredBeforeWindow:
                await SayAsync(step.Context, ResponseKeys.TicketEnteredBeforeWindow, cancellationToken, ("windowStart", KoreanFormat.Time(usage.WindowStart!.Value)));
                return await EndAsync(step, FlowOutcome.Refused(nameof(TicketReason.EnteredBeforeWindow)), cancellationToken);
            case TicketReason.ReservedAfterEntry:
                await SayAsync(step.Context, ResponseKeys.TicketReservedAfterEntry, cancellationToken, ("entryTime", KoreanFormat.Time(usage.EntryAt!.Value)));
                return await EndAsync(step, FlowOutcome.Refused(nameof(TicketReason.ReservedAfterEntry)), cancellationToken);
        }
        await SayAsync(step.Context, ResponseKeys.TicketSituation, cancellationToken);
        var said = await SlotsAsync(step.Context, cancellationToken);
        return said.LeavingNow is { } leavingNow ? await step.NextAsync(leavingNow, cancellationToken)
            : said.AlreadyLeft ? await step.NextAsync(false, cancellationToken)
            : await AskYesNoAsync(step, Expecting.ImmediateExit, ResponseKeys.TicketAskImmediateExit, cancellationToken);
    }

    private async Task<DialogTurnResult> AskPlannedExitAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        step.Values.Immediate = step.GetResult<bool>();
        if (step.Values.Immediate)
        {
            return await step.NextAsync(null, cancellationToken);
        }
        if ((await SlotsAsync(step.Context, cancellationToken)).AlreadyLeft)
        {
            // Left without the ticket: no exit to plan; only the lot can say what was charged, and cancel or refund it.
            var usage = await UsageAsync(step, cancellationToken);
            var lot = await Flow.LotAsync(usage, cancellationToken);
            var slots = FlowSupport.CaseSlots(usage, lot);
            return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, new HandoffRequest("TicketNotApplied", Agent.Category(AgentTextKeys.CategoryTicketNotApplied, lot),
                [HandoffReason.OutboundCall], Agent.Text(AgentTextKeys.SummaryTicketAlreadyLeft), slots), ResponseKeys.TicketAlreadyLeftWaiting, cancellationToken), cancellationToken);
        }
        return (await SlotsAsync(step.Context, cancellationToken)).PlannedExit is { } known
            ? await step.NextAsync(new RecognizedMoment(known, false), cancellationToken)
            : await step.PromptAsync(Expecting.PlannedExit, KoreanPromptOptions.Time(Scripts, ResponseKeys.TicketAskPlannedExit), cancellationToken);
    }

    private async Task<DialogTurnResult> FixAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(step, cancellationToken);
        var lot = await Flow.LotAsync(usage, cancellationToken);
        if (step.Result is RecognizedMoment planned)
        {
            step.Values.PlannedExit = planned.Moment;
            if (TicketPolicy.CheckExit(usage, new DateTimeOffset(planned.Moment, KoreanEntityRecognizer.KoreaOffset)) == ExitTiming.AfterWindowExcessPaidOnSite)
            {
                await SayAsync(step.Context, ResponseKeys.TicketExcessOnSite, cancellationToken, ("windowEnd", KoreanFormat.Time(usage.WindowEnd!.Value)));
            }
        }
        if (TicketPolicy.Decide(usage, lot) == TicketReason.ApplyByWebDiscount
            && (await Flow.Operations.ApplyTicketByWebDiscountAsync(usage.Id, IdempotencyKeys.For(step.Context, "ticket.apply"), cancellationToken)).Succeeded)
        {
            await SayAsync(step.Context, step.Values.Immediate ? ResponseKeys.TicketAppliedImmediate : ResponseKeys.TicketAppliedWithinWindow, cancellationToken);
            return await EndAsync(step, FlowOutcome.Resolved(nameof(TicketReason.ApplyByWebDiscount)), cancellationToken);
        }
        return await step.EndDialogAsync(await HandOffAsync(step, usage, step.Values.Immediate, Agent.Text(AgentTextKeys.SummaryTicketOutboundCall), cancellationToken), cancellationToken);
    }

    private async Task<FlowOutcome> HandOffAsync(WaterfallStepContext<FlowOptions, TicketValues> step, Usage usage, bool immediate, string summary, CancellationToken cancellationToken)
    {
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.CaseSlots(usage, lot);
        slots["entryTime"] = step.Values.EntryTime is { } entry ? KoreanFormat.Time(entry) : slots.GetValueOrDefault("entryTime", "");
        slots["plannedExit"] = immediate ? Agent.Text(AgentTextKeys.SlotImmediateExit) : step.Values.PlannedExit is { } exit ? KoreanFormat.Moment(exit) : "";
        return await Flow.HandOffAsync(step.Context, new HandoffRequest("TicketNotApplied", Agent.Category(AgentTextKeys.CategoryTicketNotApplied, lot), [HandoffReason.OutboundCall], summary, slots),
            immediate ? ResponseKeys.TicketOutboundImmediateWaiting : ResponseKeys.TicketOutboundWaiting, cancellationToken);
    }

    private Task<Usage> UsageAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        Flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
}

public sealed class TicketValues
{
    public string? UsageId { get; set; }
    public TimeOnly? EntryTime { get; set; }
    public bool Immediate { get; set; }
    public DateTime? PlannedExit { get; set; }
}

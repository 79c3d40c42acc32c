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

namespace ParkingBot.Dialogs.Flows.TicketNotApplied;

/// <summary>
/// Playbook 000 Q1 "주차권이 계속 예약완료 상태예요, 자동출차가 안 돼요": 본인확인, the ticket, its entry time (asked only when
/// the record has none) and car, the ticket policy (entered before the window or reserved after entry → it cannot apply),
/// then the planned exit: the bot registers the ticket by web discount where the lot allows it, otherwise the lot is called (OB).
/// </summary>
public sealed class TicketNotAppliedDialog : ComponentDialog
{
    private const string Category = "주차_고객 ▶ 결제 ▶ 입출차 오/미인식 ▶ {0}";
    private const string EntryTime = "ticketEntryTime";
    private const string CarConfirm = "ticketCarConfirm";
    private const string Immediate = "ticketImmediateExit";
    private const string PlannedExit = "ticketPlannedExit";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;
    private readonly TimeProvider _timeProvider;

    public TicketNotAppliedDialog(ResponseScripts scripts, FlowSupport flow, KoreanEntityRecognizer recognizer, TimeProvider timeProvider)
        : base(nameof(TicketNotAppliedDialog))
    {
        _scripts = scripts;
        _flow = flow;
        _timeProvider = timeProvider;
        AddDialog(new WaterfallDialog<FlowOptions, TicketValues>("ticketNotApplied",
            [CheckIdentityAsync, FindUsageAsync, AskEntryTimeAsync, ConfirmCarAsync, CheckPolicyAsync, AskPlannedExitAsync, FixAsync]));
        AddDialog(new TimePrompt(EntryTime, TimeDirection.Past, recognizer, timeProvider, FlowValidators.OfferAgentAfterTwoMisses<RecognizedTime>(scripts)));
        AddDialog(new TimePrompt(PlannedExit, TimeDirection.Future, recognizer, timeProvider, FlowValidators.OfferAgentAfterTwoMisses<RecognizedTime>(scripts)));
        AddDialog(new ConfirmPrompt(CarConfirm, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
        AddDialog(new ConfirmPrompt(Immediate, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        _flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.TicketEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        _flow.FindUsageOfHolderAsync(step, [UsageKind.Ticket], cancellationToken);

    private async Task<DialogTurnResult> AskEntryTimeAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        if (usage.EntryAt is { } recorded)
        {
            return await step.NextAsync(new RecognizedTime(TimeOnly.FromDateTime(recorded.ToOffset(TimeSpan.FromHours(9)).DateTime), false), cancellationToken);
        }
        return step.Options.EntryTime is { } known
            ? await step.NextAsync(new RecognizedTime(known, true), cancellationToken)
            : await step.PromptAsync(EntryTime, KoreanPromptOptions.Time(_scripts, ResponseKeys.TicketAskEntryTime), cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmCarAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        step.Values.EntryTime = step.GetResult<RecognizedTime>().Time;
        var usage = await UsageAsync(step, cancellationToken);
        return await _flow.ConfirmCarAsync(step, CarConfirm, usage, cancellationToken);
    }

    private async Task<DialogTurnResult> CheckPolicyAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(step, cancellationToken);
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(await HandOffAsync(step, usage, immediate: false, "등록 차량이 아닌 차량으로 입차 — 주차장 확인 필요", cancellationToken), cancellationToken);
        }
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.TicketSituation), cancellationToken);
        var lot = await _flow.LotAsync(usage, cancellationToken);
        switch (TicketPolicy.Decide(usage, lot))
        {
            case TicketReason.EnteredBeforeWindow:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.TicketEnteredBeforeWindow, ("windowStart", KoreanFormat.Time(usage.WindowStart!.Value))), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
            case TicketReason.ReservedAfterEntry:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.TicketReservedAfterEntry, ("entryTime", KoreanFormat.Time(usage.EntryAt!.Value))), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        return await step.PromptAsync(Immediate, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.TicketAskImmediateExit), cancellationToken);
    }

    private async Task<DialogTurnResult> AskPlannedExitAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        step.Values.Immediate = step.GetResult<bool>();
        return step.Values.Immediate
            ? await step.NextAsync(null, cancellationToken)
            : await step.PromptAsync(PlannedExit, KoreanPromptOptions.Time(_scripts, ResponseKeys.TicketAskPlannedExit), cancellationToken);
    }

    private async Task<DialogTurnResult> FixAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(step, cancellationToken);
        var lot = await _flow.LotAsync(usage, cancellationToken);
        if (step.Result is RecognizedTime planned)
        {
            step.Values.PlannedExit = planned.Time;
            var today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
            var exitAt = new DateTimeOffset(today.ToDateTime(planned.Time), TimeSpan.FromHours(9));
            if (TicketPolicy.CheckExit(usage, exitAt) == ExitTiming.AfterWindowExcessPaidOnSite)
            {
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.TicketExcessOnSite, ("windowEnd", KoreanFormat.Time(usage.WindowEnd!.Value))), cancellationToken);
            }
        }
        if (TicketPolicy.Decide(usage, lot) == TicketReason.ApplyByWebDiscount
            && (await _flow.Operations.ApplyTicketByWebDiscountAsync(usage.Id, cancellationToken)).Succeeded)
        {
            await step.Context.SendActivityAsync(_scripts.Message(step.Values.Immediate ? ResponseKeys.TicketAppliedImmediate : ResponseKeys.TicketAppliedWithinWindow), cancellationToken);
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        return await step.EndDialogAsync(await HandOffAsync(step, usage, step.Values.Immediate, "주차권 입차 미인식 — 주차장에 주차권 적용 요청(OB)", cancellationToken), cancellationToken);
    }

    private async Task<FlowOutcome> HandOffAsync(WaterfallStepContext<FlowOptions, TicketValues> step, Usage usage, bool immediate, string summary, CancellationToken cancellationToken)
    {
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.Slots(usage, lot);
        slots["entryTime"] = step.Values.EntryTime is { } entry ? KoreanFormat.Time(entry) : slots.GetValueOrDefault("entryTime", "");
        slots["plannedExit"] = immediate ? "즉시 출차" : step.Values.PlannedExit is { } exit ? KoreanFormat.Time(exit) : "";
        var category = string.Format(System.Globalization.CultureInfo.InvariantCulture, Category, FlowSupport.Integration(lot));
        return await _flow.HandOffAsync(step.Context, new HandoffRequest("TicketNotApplied", category, [HandoffReason.OutboundCall], summary, slots),
            immediate ? ResponseKeys.TicketOutboundImmediateWaiting : ResponseKeys.TicketOutboundWaiting, cancellationToken);
    }

    private Task<Usage> UsageAsync(WaterfallStepContext<FlowOptions, TicketValues> step, CancellationToken cancellationToken) =>
        _flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
}

public sealed class TicketValues
{
    public string? UsageId { get; set; }
    public TimeOnly? EntryTime { get; set; }
    public bool Immediate { get; set; }
    public TimeOnly? PlannedExit { get; set; }
}

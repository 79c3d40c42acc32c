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

namespace ParkingBot.Dialogs.Flows.SeasonPassNotApplied;

/// <summary>
/// Playbook 001 "정기권인데 일반차량으로 인식됐어요 / 차단기가 안 열려요": 본인확인, the season pass, leaving now → the call
/// button (no button → the lot is called, OutboundCall); an on-site payment → its receipt → the department cancels it and checks the
/// registration (AttachmentReview, Refund); otherwise a registration request is recorded. The compensation decision of the
/// playbook's table travels with the case or the request for the agent.
/// </summary>
public sealed class SeasonPassNotAppliedDialog : FlowDialog<SeasonValues>
{
    private readonly SeasonPassCompensationPolicy _compensation;

    public SeasonPassNotAppliedDialog(FlowSupport flow, SeasonPassCompensationPolicy compensation) : base(nameof(SeasonPassNotAppliedDialog), flow)
    {
        _compensation = compensation;
        Steps(CheckIdentityAsync, FindPassAsync, ConfirmPassAsync, AskCallButtonAsync, AskPaidOnSiteAsync, AskReceiptAsync, FinishAsync);
        AddDialog(new ChoicePrompt(Expecting.PassChoice, FlowValidators.OfferAgentAfterTwoMisses<FoundChoice>(Scripts)));
        YesNoQuestion(Expecting.LeavingNow, said => said.LeavingNow);
        YesNoQuestion(Expecting.CallButton);
        YesNoQuestion(Expecting.PaidOnSite);
        AttachmentQuestion(Expecting.Receipt);
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        Flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.SeasonEmpathy, cancellationToken);

    private async Task<DialogTurnResult> FindPassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            return await EndAsync(step, FlowOutcome.NotHolder, cancellationToken);
        }
        if (await Flow.CustomerAsync(step.Context, cancellationToken) is not { } customer)
        {
            return await Flow.AccountNotFoundAsync(step, cancellationToken);
        }
        var passes = await Flow.SeasonPassesAsync(step.Context, customer.Id, cancellationToken);
        switch (passes.Count)
        {
            case 0:
                await step.Context.SendActivityAsync(Scripts.MessageOfferingAgent(ResponseKeys.SeasonNotFound), cancellationToken);
                return await EndAsync(step, FlowOutcome.NotFound("seasonPass"), cancellationToken);
            case 1:
                return await step.NextAsync(new FoundChoice(passes[0].Id, 0), cancellationToken);
            default:
                var choices = new List<Choice>();
                foreach (var pass in passes)
                {
                    var lot = (await Flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
                    choices.Add(new Choice(pass.Id, [.. lot.Aliases]) { Title = lot.Name });
                }
                if ((await SlotsAsync(step.Context, cancellationToken)).LotIds is { Count: > 0 } named
                    && passes.Where(p => named.Contains(p.LotId)).ToList() is { Count: 1 } namedPass)
                {
                    return await step.NextAsync(new FoundChoice(namedPass[0].Id, 0), cancellationToken);
                }
                return await step.PromptAsync(Expecting.PassChoice, new PromptOptions
                {
                    Prompt = Scripts.Message(ResponseKeys.SeasonChoose),
                    RetryPrompt = Scripts.Message(ResponseKeys.SeasonChooseRetry),
                    Choices = choices,
                }, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> ConfirmPassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        step.Values.PassId = step.GetResult<FoundChoice>().Value;
        var slots = await SlotsAsync(step.Context, cancellationToken);
        slots.PassId = step.Values.PassId;
        var pass = await PassAsync(step, cancellationToken);
        var lot = (await Flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
        await SayAsync(step.Context, ResponseKeys.SeasonFound, cancellationToken, ("lot", lot.Name));
        return slots.LeavingNow is { } leavingNow
            ? await step.NextAsync(leavingNow, cancellationToken)
            : await AskYesNoAsync(step, Expecting.LeavingNow, ResponseKeys.SeasonAskLeavingNow, cancellationToken);
    }

    private async Task<DialogTurnResult> AskCallButtonAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>()
            ? await AskYesNoAsync(step, Expecting.CallButton, ResponseKeys.SeasonAskCallButton, cancellationToken)
            : await step.NextAsync(true, cancellationToken);

    private async Task<DialogTurnResult> AskPaidOnSiteAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(await HandOffAsync(step, [HandoffReason.OutboundCall], Agent.Text(AgentTextKeys.SummarySeasonOutboundCall),
                ResponseKeys.SeasonOutboundWaiting, [], cancellationToken), cancellationToken);
        }
        return await AskYesNoAsync(step, Expecting.PaidOnSite, ResponseKeys.SeasonAskPaidOnSite, cancellationToken);
    }

    private async Task<DialogTurnResult> AskReceiptAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>()
            ? await AskForFileAsync(step, Expecting.Receipt, ResponseKeys.SeasonAskReceipt, ResponseKeys.SeasonAskReceiptRetry, cancellationToken)
            : await step.NextAsync(null, cancellationToken);

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is IReadOnlyList<Attachment> receipts)
        {
            return await step.EndDialogAsync(await HandOffAsync(step, [HandoffReason.AttachmentReview, HandoffReason.Refund],
                Agent.Text(AgentTextKeys.SummarySeasonRefund), ResponseKeys.SeasonRefundWaiting,
                FlowSupport.CaseAttachments(receipts), cancellationToken), cancellationToken);
        }
        var pass = await PassAsync(step, cancellationToken);
        var decision = _compensation.Decide(pass.Registered ? SeasonPassIssue.EquipmentMisread : SeasonPassIssue.OperatorMissedRegistration, pass);
        var request = new InternalRequest(Agent.Text(AgentTextKeys.RequestSeasonRegistration),
            Agent.Text(AgentTextKeys.RequestSeasonRegistrationDetail, ("carNumber", pass.CarNumber), ("passId", pass.Id),
                ("compensation", decision.Compensation + (decision.CouponWon > 0 ? " " + KoreanFormat.Won(decision.CouponWon) : ""))), LotId: pass.LotId);
        var lot = (await Flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
        if (await Flow.RunCommandAsync(step.Context, "season.registration", AgentTextKeys.CommandInternalRequest,
                key => Flow.Operations.RecordInternalRequestAsync(request, key, cancellationToken),
                new HandoffRequest("SeasonPassNotApplied", Agent.Category(AgentTextKeys.CategorySeasonPassNotApplied, lot), [HandoffReason.BotFailure], "",
                    new Dictionary<string, string> { ["seasonPassId"] = pass.Id, ["lot"] = lot.Name, ["carNumber"] = pass.CarNumber }), cancellationToken) is { } refused)
        {
            return await step.EndDialogAsync(refused, cancellationToken);
        }
        await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.SeasonRegistrationRequested), cancellationToken);
        return await EndAsync(step, FlowOutcome.Resolved(decision.Compensation.ToString()), cancellationToken);
    }

    private async Task<FlowOutcome> HandOffAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, IReadOnlyList<HandoffReason> reasons, string summary,
        ResponseKey waiting, IReadOnlyList<CaseAttachment> attachments, CancellationToken cancellationToken)
    {
        var pass = await PassAsync(step, cancellationToken);
        var lot = (await Flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
        var decision = _compensation.Decide(pass.Registered ? SeasonPassIssue.EquipmentMisread : SeasonPassIssue.OperatorMissedRegistration, pass);
        var slots = new Dictionary<string, string>
        {
            ["seasonPassId"] = pass.Id,
            ["lot"] = lot.Name,
            ["carNumber"] = pass.CarNumber,
            // The day it happened: the day the customer named, else today (a pass that failed at the gate).
            ["usageDate"] = ((await SlotsAsync(step.Context, cancellationToken)).UsageDate ?? DateOnly.FromDateTime(Flow.Now(step.Context)))
                .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["passStatus"] = Agent.Text(pass.Registered ? AgentTextKeys.SlotPassRegistered : AgentTextKeys.SlotPassNotRegistered),
            ["compensation"] = decision.Compensation.ToString(),
        };
        if (decision.CouponWon > 0)
        {
            slots["couponWon"] = decision.CouponWon.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var category = Agent.Category(AgentTextKeys.CategorySeasonPassNotApplied, lot);
        return await Flow.HandOffAsync(step.Context, new HandoffRequest("SeasonPassNotApplied", category, reasons, summary, slots) { Attachments = attachments },
            waiting, cancellationToken);
    }

    private async Task<SeasonPass> PassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        var customer = (await Flow.CustomerAsync(step.Context, cancellationToken))!;
        return (await Flow.SeasonPassesAsync(step.Context, customer.Id, cancellationToken)).Single(p => p.Id == step.Values.PassId);
    }
}

public sealed class SeasonValues
{
    public string? PassId { get; set; }
}

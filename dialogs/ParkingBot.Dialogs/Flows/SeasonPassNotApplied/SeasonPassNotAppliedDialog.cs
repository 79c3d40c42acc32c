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

namespace ParkingBot.Dialogs.Flows.SeasonPassNotApplied;

/// <summary>
/// Playbook 001 "정기권인데 일반차량으로 인식됐어요 / 차단기가 안 열려요": 본인확인, the season pass, leaving now → the call
/// button (no button → the lot is called, OutboundCall); an on-site payment → its receipt → the department cancels it and checks the
/// registration (AttachmentReview, Refund); otherwise a registration request is recorded. The compensation decision of the
/// playbook's table travels with the case or the request for the agent.
/// </summary>
public sealed class SeasonPassNotAppliedDialog : ComponentDialog
{
    private const string Category = "주차_고객 ▶ 서비스 이용/정책 ▶ 정기권 문의 ▶ 정기권 미적용({0})";
    private const string Choose = "seasonChoose";
    private const string LeavingNow = "seasonLeavingNow";
    private const string CallButton = "seasonCallButton";
    private const string PaidOnSite = "seasonPaidOnSite";
    private const string Receipt = "seasonReceipt";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;
    private readonly SeasonPassCompensationPolicy _compensation;

    public SeasonPassNotAppliedDialog(ResponseScripts scripts, FlowSupport flow, SeasonPassCompensationPolicy compensation, KoreanEntityRecognizer recognizer)
        : base(nameof(SeasonPassNotAppliedDialog))
    {
        _scripts = scripts;
        _flow = flow;
        _compensation = compensation;
        AddDialog(new WaterfallDialog<FlowOptions, SeasonValues>("seasonPass",
            [CheckIdentityAsync, FindPassAsync, ConfirmPassAsync, AskCallButtonAsync, AskPaidOnSiteAsync, AskReceiptAsync, FinishAsync]));
        var yesNo = new KoreanConfirmRecognizer(recognizer);
        AddDialog(new ChoicePrompt(Choose, FlowValidators.OfferAgentAfterTwoMisses<FoundChoice>(scripts)));
        AddDialog(new ConfirmPrompt(LeavingNow, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), yesNo));
        AddDialog(new ConfirmPrompt(CallButton, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), yesNo));
        AddDialog(new ConfirmPrompt(PaidOnSite, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), yesNo));
        AddDialog(new AttachmentPrompt(Receipt, FlowValidators.OfferAgentAfterTwoMisses<IReadOnlyList<Attachment>>(scripts)));
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        _flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.SeasonEmpathy, cancellationToken);

    private async Task<DialogTurnResult> FindPassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        if (await _flow.CustomerAsync(step.Context, cancellationToken) is not { } customer)
        {
            return await _flow.AccountNotFoundAsync(step, cancellationToken);
        }
        var passes = await _flow.Operations.FindSeasonPassesAsync(customer.Id, cancellationToken);
        switch (passes.Count)
        {
            case 0:
                await step.Context.SendActivityAsync(_scripts.MessageOfferingAgent(ResponseKeys.SeasonNotFound), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
            case 1:
                return await step.NextAsync(new FoundChoice(passes[0].Id, 0), cancellationToken);
            default:
                var choices = new List<Choice>();
                foreach (var pass in passes)
                {
                    choices.Add(new Choice(pass.Id) { Title = (await _flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!.Name });
                }
                return await step.PromptAsync(Choose, new PromptOptions
                {
                    Prompt = _scripts.Message(ResponseKeys.SeasonChoose),
                    RetryPrompt = _scripts.Message(ResponseKeys.SeasonChooseRetry),
                    Choices = choices,
                }, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> ConfirmPassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        step.Values.PassId = step.GetResult<FoundChoice>().Value;
        var pass = await PassAsync(step, cancellationToken);
        var lot = (await _flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.SeasonFound, ("lot", lot.Name)), cancellationToken);
        return await step.PromptAsync(LeavingNow, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.SeasonAskLeavingNow), cancellationToken);
    }

    private async Task<DialogTurnResult> AskCallButtonAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>()
            ? await step.PromptAsync(CallButton, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.SeasonAskCallButton), cancellationToken)
            : await step.NextAsync(true, cancellationToken);

    private async Task<DialogTurnResult> AskPaidOnSiteAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(await HandOffAsync(step, [HandoffReason.OutboundCall], "정기권 미인식 — 출차부 호출버튼 없음, 주차장 현장 출차 요청(OB)",
                ResponseKeys.SeasonOutboundWaiting, [], cancellationToken), cancellationToken);
        }
        return await step.PromptAsync(PaidOnSite, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.SeasonAskPaidOnSite), cancellationToken);
    }

    private async Task<DialogTurnResult> AskReceiptAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>()
            ? await step.PromptAsync(Receipt, new PromptOptions
            {
                Prompt = _scripts.Message(ResponseKeys.SeasonAskReceipt),
                RetryPrompt = _scripts.Message(ResponseKeys.SeasonAskReceiptRetry),
            }, cancellationToken)
            : await step.NextAsync(null, cancellationToken);

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is IReadOnlyList<Attachment> receipts)
        {
            return await step.EndDialogAsync(await HandOffAsync(step, [HandoffReason.AttachmentReview, HandoffReason.Refund],
                "정기권 미인식으로 현장결제 발생 — 현장결제 취소 및 정기권 등록 확인", ResponseKeys.SeasonRefundWaiting,
                FlowSupport.CaseAttachments(receipts), cancellationToken), cancellationToken);
        }
        var pass = await PassAsync(step, cancellationToken);
        var decision = _compensation.Decide(pass.Registered ? SeasonPassIssue.EquipmentMisread : SeasonPassIssue.OperatorMissedRegistration, pass);
        await _flow.Operations.RecordInternalRequestAsync(new InternalRequest("정기권 차량등록 요청",
            $"{pass.CarNumber} 정기권 {pass.Id} 등록 확인 (보상 정책: {decision.Compensation}{(decision.CouponWon > 0 ? $" {decision.CouponWon}원" : "")})", LotId: pass.LotId), cancellationToken);
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.SeasonRegistrationRequested), cancellationToken);
        return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
    }

    private async Task<FlowOutcome> HandOffAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, IReadOnlyList<HandoffReason> reasons, string summary,
        ResponseKey waiting, IReadOnlyList<CaseAttachment> attachments, CancellationToken cancellationToken)
    {
        var pass = await PassAsync(step, cancellationToken);
        var lot = (await _flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
        var decision = _compensation.Decide(pass.Registered ? SeasonPassIssue.EquipmentMisread : SeasonPassIssue.OperatorMissedRegistration, pass);
        var slots = new Dictionary<string, string>
        {
            ["seasonPassId"] = pass.Id,
            ["lot"] = lot.Name,
            ["carNumber"] = pass.CarNumber,
            ["passStatus"] = pass.Registered ? "등록됨" : "등록 누락",
            ["compensation"] = decision.Compensation.ToString(),
        };
        if (decision.CouponWon > 0)
        {
            slots["couponWon"] = decision.CouponWon.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var category = string.Format(System.Globalization.CultureInfo.InvariantCulture, Category, FlowSupport.Integration(lot));
        return await _flow.HandOffAsync(step.Context, new HandoffRequest("SeasonPassNotApplied", category, reasons, summary, slots) { Attachments = attachments },
            waiting, cancellationToken);
    }

    private async Task<SeasonPass> PassAsync(WaterfallStepContext<FlowOptions, SeasonValues> step, CancellationToken cancellationToken)
    {
        var customer = (await _flow.CustomerAsync(step.Context, cancellationToken))!;
        return (await _flow.Operations.FindSeasonPassesAsync(customer.Id, cancellationToken)).Single(p => p.Id == step.Values.PassId);
    }
}

public sealed class SeasonValues
{
    public string? PassId { get; set; }
}

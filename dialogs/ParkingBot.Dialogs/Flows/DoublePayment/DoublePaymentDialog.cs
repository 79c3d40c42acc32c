using System.Globalization;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.DoublePayment;

/// <summary>
/// Playbook 003 "타사 주차권을 썼는데 주차패스도 결제됐어요": 본인확인, the usage, then by lot and ticket: 성북구 → the
/// customer calls the control center; 속초시 → the center calls it (agent); 인천공항 → an internal request; a ticket bought
/// after entry → the other company; otherwise the reservation and payment records are attached, an agent cancels the
/// parking-pass payment (AttachmentReview, Refund) and a Kakao T ticket coupon is offered while its terms are valid.
/// </summary>
public sealed class DoublePaymentDialog : ComponentDialog
{
    private const string Category = "주차_고객 ▶ 결제 ▶ 이중결제 ▶ {0}";
    private const string Records = "doubleRecords";
    private readonly ResponseScripts _scripts;
    private readonly FlowSupport _flow;
    private readonly DoublePaymentPolicy _policy;
    private readonly ParkingPolicySettings _settings;

    public DoublePaymentDialog(ResponseScripts scripts, FlowSupport flow, DoublePaymentPolicy policy, ParkingPolicySettings settings)
        : base(nameof(DoublePaymentDialog))
    {
        _scripts = scripts;
        _flow = flow;
        _policy = policy;
        _settings = settings;
        AddDialog(new WaterfallDialog<FlowOptions, DoublePaymentValues>("doublePayment", [CheckIdentityAsync, FindUsageAsync, RouteAsync, HandOffAsync]));
        AddDialog(new AttachmentPrompt(Records, FlowValidators.OfferAgentAfterTwoMisses<IReadOnlyList<Attachment>>(scripts)));
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken) =>
        _flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.DoubleEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken) =>
        _flow.FindUsageOfHolderAsync(step, [UsageKind.ParkingPass], cancellationToken);

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var decision = _policy.Decide(usage, lot);
        step.Values.OfferCoupon = decision.OfferTicketCoupon;
        switch (decision.Route)
        {
            case DoublePaymentRoute.CustomerCallsControlCenter:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.DoubleSeongbuk, ("phone", decision.Phones.FirstOrDefault() ?? "")), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
            case DoublePaymentRoute.CenterCallsControlCenter:
                var slots = FlowSupport.Slots(usage, lot);
                slots["controlCenterPhones"] = string.Join(", ", decision.Phones);
                return await step.EndDialogAsync(await _flow.HandOffAsync(step.Context, new HandoffRequest("DoublePayment", CategoryOf(lot), [HandoffReason.OutboundCall],
                    "속초시 공영주차장 이중결제 — 관제센터 연락 후 고객 사후 안내", slots), ResponseKeys.DoubleSokchoWaiting, cancellationToken), cancellationToken);
            case DoublePaymentRoute.InternalRequest:
                await _flow.Operations.RecordInternalRequestAsync(new InternalRequest("인천공항 이중결제 확인 요청", $"{usage.Id} {KoreanFormat.Won(usage.Amount)}", usage.Id, lot.Id), cancellationToken);
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.DoubleAirport), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
            case DoublePaymentRoute.ReferToThirdParty:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.DoubleReferThirdParty, ("provider", usage.ThirdPartyTicket!.Provider)), cancellationToken);
                return await step.EndDialogAsync(FlowOutcome.Done, cancellationToken);
            default:
                return await step.PromptAsync(Records, new PromptOptions
                {
                    Prompt = _scripts.Message(ResponseKeys.DoubleAskRecords),
                    RetryPrompt = _scripts.Message(ResponseKeys.DoubleAskRecordsRetry),
                }, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken)
    {
        var usage = await _flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await _flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.Slots(usage, lot);
        slots["thirdPartyTicket"] = usage.ThirdPartyTicket?.Provider ?? "기록 없음";
        slots["ticketCoupon"] = step.Values.OfferCoupon ? "지급 안내함" : "해당 없음";
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.DoubleExplain), cancellationToken);
        if (step.Values.OfferCoupon)
        {
            var coupon = _settings.TicketCoupon;
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.DoubleCoupon,
                ("scope", coupon.Scope), ("howToApply", coupon.HowToApply),
                ("validUntil", coupon.ValidUntil!.Value.ToString("yy.M.d", CultureInfo.InvariantCulture)), ("link", _settings.CouponBoxLink)), cancellationToken);
        }
        var request = new HandoffRequest("DoublePayment", CategoryOf(lot), [HandoffReason.AttachmentReview, HandoffReason.Refund],
            $"타사 주차권 이중결제 — 주차패스 결제취소 요청 ({KoreanFormat.Won(usage.Amount)})", slots)
        {
            Attachments = FlowSupport.CaseAttachments(step.GetResult<IReadOnlyList<Attachment>>()),
        };
        return await step.EndDialogAsync(await _flow.HandOffAsync(step.Context, request, ResponseKeys.DoubleCancelWaiting, cancellationToken,
            ("refundDays", $"{_settings.CardRefundMinBusinessDays}~{_settings.CardRefundMaxBusinessDays}")), cancellationToken);
    }

    private static string CategoryOf(ParkingLot lot) => string.Format(CultureInfo.InvariantCulture, Category, FlowSupport.Integration(lot));
}

public sealed class DoublePaymentValues
{
    public string? UsageId { get; set; }
    public bool OfferCoupon { get; set; }
}

using ParkingBot.Framework.Builder;
using System.Globalization;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
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
public sealed class DoublePaymentDialog : FlowDialog<DoublePaymentValues>
{
    private readonly DoublePaymentPolicy _policy;
    private readonly ParkingPolicySettings _settings;

    public DoublePaymentDialog(FlowSupport flow, DoublePaymentPolicy policy, ParkingPolicySettings settings) : base(nameof(DoublePaymentDialog), flow)
    {
        _policy = policy;
        _settings = settings;
        Steps(CheckIdentityAsync, FindUsageAsync, RouteAsync, HandOffAsync);
        AttachmentQuestion(Expecting.Records);
    }

    private Task<DialogTurnResult> CheckIdentityAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken) =>
        Flow.EmpathizeAndCheckIdentityAsync(step, ResponseKeys.DoubleEmpathy, cancellationToken);

    private Task<DialogTurnResult> FindUsageAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken) =>
        Flow.FindUsageOfHolderAsync(step, [UsageKind.ParkingPass], cancellationToken);

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not Usage usage)
        {
            return await EndAsync(step, UsageNotFound, cancellationToken);
        }
        step.Values.UsageId = usage.Id;
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var decision = _policy.Decide(usage, lot);
        step.Values.OfferCoupon = decision.OfferTicketCoupon;
        switch (decision.Route)
        {
            case DoublePaymentRoute.CustomerCallsControlCenter:
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.DoubleSeongbuk, ("phone", decision.Phones.FirstOrDefault() ?? "")), cancellationToken);
                return await EndAsync(step, FlowOutcome.Informed(nameof(DoublePaymentRoute.CustomerCallsControlCenter)), cancellationToken);
            case DoublePaymentRoute.CenterCallsControlCenter:
                var slots = FlowSupport.CaseSlots(usage, lot);
                slots["controlCenterPhones"] = string.Join(", ", decision.Phones);
                return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, new HandoffRequest("DoublePayment", CategoryOf(lot), [HandoffReason.OutboundCall],
                    Agent.Text(AgentTextKeys.SummaryDoubleSokcho), slots), ResponseKeys.DoubleSokchoWaiting, cancellationToken), cancellationToken);
            case DoublePaymentRoute.InternalRequest:
                if (await Flow.RunCommandAsync(step.Context, "double.airportRequest", AgentTextKeys.CommandInternalRequest,
                        key => Flow.Operations.RecordInternalRequestAsync(new InternalRequest(Agent.Text(AgentTextKeys.RequestAirportDoublePayment),
                            Agent.Text(AgentTextKeys.RequestAirportDoublePaymentDetail, ("usageId", usage.Id), ("amount", KoreanFormat.Won(usage.Amount))), usage.Id, lot.Id), key, cancellationToken),
                        new HandoffRequest("DoublePayment", CategoryOf(lot), [HandoffReason.BotFailure], "", FlowSupport.CaseSlots(usage, lot)), cancellationToken) is { } refused)
                {
                    return await step.EndDialogAsync(refused, cancellationToken);
                }
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.DoubleAirport), cancellationToken);
                return await EndAsync(step, FlowOutcome.Resolved(nameof(DoublePaymentRoute.InternalRequest)), cancellationToken);
            case DoublePaymentRoute.ReferToThirdParty:
                await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.DoubleReferThirdParty, ("provider", usage.ThirdPartyTicket!.Provider)), cancellationToken);
                return await EndAsync(step, FlowOutcome.Refused(nameof(DoublePaymentRoute.ReferToThirdParty)), cancellationToken);
            default:
                return await AskForFileAsync(step, Expecting.Records, ResponseKeys.DoubleAskRecords, ResponseKeys.DoubleAskRecordsRetry, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext<FlowOptions, DoublePaymentValues> step, CancellationToken cancellationToken)
    {
        var usage = await Flow.UsageAsync(step.Context, step.Values.UsageId!, cancellationToken);
        var lot = await Flow.LotAsync(usage, cancellationToken);
        var slots = FlowSupport.CaseSlots(usage, lot);
        slots["thirdPartyTicket"] = usage.ThirdPartyTicket?.Provider ?? Agent.Text(AgentTextKeys.SlotNoThirdPartyRecord);
        slots["ticketCoupon"] = Agent.Text(step.Values.OfferCoupon ? AgentTextKeys.SlotTicketCouponOffered : AgentTextKeys.SlotNotApplicable);
        await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.DoubleExplain), cancellationToken);
        if (step.Values.OfferCoupon)
        {
            var coupon = _settings.TicketCoupon;
            await step.Context.SendActivityAsync(Scripts.Message(ResponseKeys.DoubleCoupon,
                ("scope", coupon.Scope), ("howToApply", coupon.HowToApply),
                ("validUntil", coupon.ValidUntil!.Value.ToString("yy.M.d", CultureInfo.InvariantCulture)), ("link", _settings.CouponBoxLink)), cancellationToken);
        }
        var request = new HandoffRequest("DoublePayment", CategoryOf(lot), [HandoffReason.AttachmentReview, HandoffReason.Refund],
            Agent.Text(AgentTextKeys.SummaryDoubleRefund, ("amount", KoreanFormat.Won(usage.Amount))), slots)
        {
            Attachments = FlowSupport.CaseAttachments(step.GetResult<IReadOnlyList<Attachment>>()),
        };
        return await step.EndDialogAsync(await Flow.HandOffAsync(step.Context, request, ResponseKeys.DoubleCancelWaiting, cancellationToken,
            ("refundDays", $"{_settings.CardRefundMinBusinessDays}~{_settings.CardRefundMaxBusinessDays}")), cancellationToken);
    }

    private string CategoryOf(ParkingLot lot) => Agent.Category(AgentTextKeys.CategoryDoublePayment, lot);
}

public sealed class DoublePaymentValues
{
    public string? UsageId { get; set; }
    public bool OfferCoupon { get; set; }
}

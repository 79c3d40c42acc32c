namespace ParkingBot.Dialogs.Responses;

/// <summary>
/// The agent-facing Korean of Responses/agent-texts.ko.yaml (categories, case summaries and slot values, internal
/// requests), read like the response scripts and reached through <see cref="AgentTextKeys"/>.
/// </summary>
public sealed class AgentTexts(ResponseScripts texts)
{
    public const string DefaultFileName = "Responses/agent-texts.ko.yaml";

    public string Text(ResponseKey key, params (string Name, string Value)[] values) => texts.Text(key, values);

    /// <summary>연동 / 비연동, as the categories end.</summary>
    public string Integration(Parking.Model.ParkingLot lot) =>
        Text(lot.Integration == Parking.Model.Integration.Integrated ? AgentTextKeys.IntegrationIntegrated : AgentTextKeys.IntegrationNotIntegrated);

    /// <summary>A category that ends with the lot's 연동 / 비연동.</summary>
    public string Category(ResponseKey key, Parking.Model.ParkingLot lot) => Text(key, ("integration", Integration(lot)));

    public string YesNo(bool yes) => Text(yes ? AgentTextKeys.SlotYes : AgentTextKeys.SlotNo);
}

/// <summary>Every key of agent-texts.ko.yaml the code uses. A test checks this list against the file.</summary>
public static class AgentTextKeys
{
    public static readonly ResponseKey CategoryCustomerRequest = new("category.customerRequest");
    public static readonly ResponseKey EndingResolved = new("analytics.ending.resolved");
    public static readonly ResponseKey EndingInformed = new("analytics.ending.informed");
    public static readonly ResponseKey EndingHandedOff = new("analytics.ending.handedOff");
    public static readonly ResponseKey EndingRefused = new("analytics.ending.refused");
    public static readonly ResponseKey EndingNotHolder = new("analytics.ending.notHolder");
    public static readonly ResponseKey EndingNotFound = new("analytics.ending.notFound");
    public static readonly ResponseKey EndingCancelled = new("analytics.ending.cancelled");
    public static readonly ResponseKey EndingAbandoned = new("analytics.ending.abandoned");
    public static readonly ResponseKey EndingFailed = new("analytics.ending.failed");
    public static readonly ResponseKey ReasonOutboundCall = new("analytics.reason.outboundCall");
    public static readonly ResponseKey ReasonAttachmentReview = new("analytics.reason.attachmentReview");
    public static readonly ResponseKey ReasonRefund = new("analytics.reason.refund");
    public static readonly ResponseKey ReasonCustomerRequest = new("analytics.reason.customerRequest");
    public static readonly ResponseKey ReasonBotFailure = new("analytics.reason.botFailure");
    public static readonly ResponseKey CategoryTicketNotApplied = new("category.ticketNotApplied", "integration");
    public static readonly ResponseKey CategorySeasonPassNotApplied = new("category.seasonPassNotApplied", "integration");
    public static readonly ResponseKey CategoryUnusedCharge = new("category.unusedCharge", "integration");
    public static readonly ResponseKey CategoryDoublePayment = new("category.doublePayment", "integration");
    public static readonly ResponseKey CategoryValetUnusedCharge = new("category.valetUnusedCharge");
    public static readonly ResponseKey CategoryValetExitNotProcessed = new("category.valetExitNotProcessed");
    public static readonly ResponseKey IntegrationIntegrated = new("integration.integrated");
    public static readonly ResponseKey IntegrationNotIntegrated = new("integration.notIntegrated");

    public static readonly ResponseKey SummaryAgentRequest = new("summary.agentRequest");
    public static readonly ResponseKey SummaryAgentRequestInFlow = new("summary.agentRequestInFlow", "topic");
    public static readonly ResponseKey SummaryBotFailure = new("summary.botFailure");
    public static readonly ResponseKey SummaryCommandRefused = new("summary.commandRefused", "command", "reason");
    public static readonly ResponseKey CommandCancelPick = new("command.cancelPick");
    public static readonly ResponseKey CommandCloseValetAtZero = new("command.closeValetAtZero");
    public static readonly ResponseKey CommandEquipmentCheck = new("command.equipmentCheck");
    public static readonly ResponseKey CommandInternalRequest = new("command.internalRequest");
    public static readonly ResponseKey SummaryTicketOtherCar = new("summary.ticketOtherCar");
    public static readonly ResponseKey SummaryTicketOutboundCall = new("summary.ticketOutboundCall");
    public static readonly ResponseKey SummaryTicketAlreadyLeft = new("summary.ticketAlreadyLeft");
    public static readonly ResponseKey SummarySeasonOutboundCall = new("summary.seasonOutboundCall");
    public static readonly ResponseKey SummarySeasonRefund = new("summary.seasonRefund");
    public static readonly ResponseKey SummaryUnusedNotMyCar = new("summary.unusedNotMyCar", "lot");
    public static readonly ResponseKey SummaryUnusedRefund = new("summary.unusedRefund", "amount");
    public static readonly ResponseKey SummaryUnusedOutstanding = new("summary.unusedOutstanding", "amount");
    public static readonly ResponseKey SummaryCheckEnteredCar = new("summary.checkEnteredCar");
    public static readonly ResponseKey SummaryDoubleSokcho = new("summary.doubleSokcho");
    public static readonly ResponseKey SummaryDoubleRefund = new("summary.doubleRefund", "amount");
    public static readonly ResponseKey SummaryValetStaffTypo = new("summary.valetStaffTypo", "amount");
    public static readonly ResponseKey SummaryValetExit = new("summary.valetExit", "amount", "paidOnSite");

    public static readonly ResponseKey SlotYes = new("slot.yes");
    public static readonly ResponseKey SlotNo = new("slot.no");
    public static readonly ResponseKey SlotImmediateExit = new("slot.immediateExit");
    public static readonly ResponseKey SlotEquipmentCheckRefused = new("slot.equipmentCheckRefused");
    public static readonly ResponseKey SlotPaidOnSite = new("slot.paidOnSite");
    public static readonly ResponseKey SlotNotPaidOnSite = new("slot.notPaidOnSite");
    public static readonly ResponseKey SlotPassRegistered = new("slot.passRegistered");
    public static readonly ResponseKey SlotPassNotRegistered = new("slot.passNotRegistered");
    public static readonly ResponseKey SlotNoThirdPartyRecord = new("slot.noThirdPartyRecord");
    public static readonly ResponseKey SlotTicketCouponOffered = new("slot.ticketCouponOffered");
    public static readonly ResponseKey SlotNotApplicable = new("slot.notApplicable");
    public static readonly ResponseKey SlotAirportNote = new("slot.airportNote");

    public static readonly ResponseKey RequestLotCompensation = new("request.lotCompensation");
    public static readonly ResponseKey RequestLotCompensationDetail = new("request.lotCompensationDetail", "usageId");
    public static readonly ResponseKey RequestEquipmentCheck = new("request.equipmentCheck", "carNumber");
    public static readonly ResponseKey RequestAirportDoublePayment = new("request.airportDoublePayment");
    public static readonly ResponseKey RequestAirportDoublePaymentDetail = new("request.airportDoublePaymentDetail", "usageId", "amount");
    public static readonly ResponseKey RequestSeasonRegistration = new("request.seasonRegistration");
    public static readonly ResponseKey RequestSeasonRegistrationDetail = new("request.seasonRegistrationDetail", "carNumber", "passId", "compensation");
    public static readonly ResponseKey RequestSeasonCoupon = new("request.seasonCoupon");
    public static readonly ResponseKey RequestSeasonCouponDetail = new("request.seasonCouponDetail", "carNumber", "passId", "amount");
}

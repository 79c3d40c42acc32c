namespace ParkingBot.Dialogs.Responses;

/// <summary>Every key of responses.ko.yaml the code uses. A test checks this list against the file.</summary>
public static class ResponseKeys
{
    public static readonly ResponseKey Welcome = new("welcome");
    public static readonly ResponseKey MenuPrompt = new("menu.prompt");
    public static readonly ResponseKey MenuRetry = new("menu.retry");
    public static readonly ResponseKey MenuDidYouMean = new("menu.didYouMean");
    public static readonly ResponseKey HelpText = new("help.text");
    public static readonly ResponseKey HelpAskContinue = new("help.askContinue");
    public static readonly ResponseKey CancelDone = new("cancel.done");
    public static readonly ResponseKey CancelNothingToCancel = new("cancel.nothingToCancel");
    public static readonly ResponseKey CancelConfirm = new("cancel.confirm");
    public static readonly ResponseKey RepairLookingAgain = new("repair.lookingAgain");

    public static readonly ResponseKey TopicTicketNotApplied = new("topic.ticketNotApplied");
    public static readonly ResponseKey TopicTicketPaymentTiming = new("topic.ticketPaymentTiming");
    public static readonly ResponseKey TopicSeasonPassNotApplied = new("topic.seasonPassNotApplied");
    public static readonly ResponseKey TopicUnusedCharge = new("topic.unusedCharge");
    public static readonly ResponseKey TopicDoublePayment = new("topic.doublePayment");
    public static readonly ResponseKey TopicValetUnusedCharge = new("topic.valetUnusedCharge");
    public static readonly ResponseKey TopicValetExitNotProcessed = new("topic.valetExitNotProcessed");
    public static readonly ResponseKey TopicAgent = new("topic.agent");
    public static readonly ResponseKey HandoffWaiting = new("handoff.waiting");
    public static readonly ResponseKey HandoffCommandRefused = new("handoff.commandRefused");
    public static readonly ResponseKey HandoffStillWaiting = new("handoff.stillWaiting");
    public static readonly ResponseKey HandoffCancelButton = new("handoff.cancelButton");
    public static readonly ResponseKey HandoffCancelled = new("handoff.cancelled");
    public static readonly ResponseKey HandoffAgentJoined = new("handoff.agentJoined", "agent");
    public static readonly ResponseKey HandoffAgentTitle = new("handoff.agentTitle", "name");
    public static readonly ResponseKey HandoffAgentUnnamed = new("handoff.agentUnnamed");
    public static readonly ResponseKey HandoffStanding = new("handoff.standing", "position", "minutes");
    public static readonly ResponseKey HandoffStandingNoEstimate = new("handoff.standingNoEstimate", "position");
    public static readonly ResponseKey HandoffOutOfHours = new("handoff.outOfHours");
    public static readonly ResponseKey HandoffKeepWaiting = new("handoff.keepWaiting");
    public static readonly ResponseKey HandoffRequeued = new("handoff.requeued");
    public static readonly ResponseKey HandoffConfirmCancel = new("handoff.confirmCancel", "work");
    public static readonly ResponseKey HandoffLeftFollowUp = new("handoff.leftFollowUp", "work");
    public static readonly ResponseKey HandoffAgentFinished = new("handoff.agentFinished");
    public static readonly ResponseKey HandoffAgentFinishedWithText = new("handoff.agentFinishedWithText");
    public static readonly ResponseKey HandoffWorkOutboundCall = new("handoff.work.outboundCall");
    public static readonly ResponseKey HandoffWorkAttachmentReview = new("handoff.work.attachmentReview");
    public static readonly ResponseKey HandoffWorkRefund = new("handoff.work.refund");

    public static readonly ResponseKey KakaoWaiting = new("kakao.waiting");
    public static readonly ResponseKey KakaoStillWorking = new("kakao.stillWorking");
    public static readonly ResponseKey KakaoMore = new("kakao.more");
    public static readonly ResponseKey KakaoNothingMore = new("kakao.nothingMore");
    public static readonly ResponseKey KakaoOpenLink = new("kakao.openLink");
    public static readonly ResponseKey KakaoCall = new("kakao.call");
    public static readonly ResponseKey KakaoOperatorGuide = new("kakao.operatorGuide");
    public static readonly ResponseKey KakaoOperator = new("kakao.operator");

    public static readonly ResponseKey PaymentTimingAskLot = new("paymentTiming.askLot");
    public static readonly ResponseKey PaymentTimingAskLotRetry = new("paymentTiming.askLotRetry");
    public static readonly ResponseKey PaymentTimingAtExit = new("paymentTiming.atExit", "lotName");
    public static readonly ResponseKey PaymentTimingAtReservation = new("paymentTiming.atReservation", "lotName");
    public static readonly ResponseKey PaymentTimingAtEntry = new("paymentTiming.atEntry", "lotName");
    public static readonly ResponseKey PaymentTimingAutoExitGuide = new("paymentTiming.autoExitGuide");
    public static readonly ResponseKey PaymentTimingChooseLot = new("paymentTiming.chooseLot", "lotName");
    public static readonly ResponseKey PaymentTimingChooseLotRetry = new("paymentTiming.chooseLotRetry");
    public static readonly ResponseKey PaymentTimingUnknownLot = new("paymentTiming.unknownLot", "lotName");

    public static readonly ResponseKey ClosingAnythingElse = new("closing.anythingElse");
    public static readonly ResponseKey ClosingAnythingElseRetry = new("closing.anythingElseRetry");
    public static readonly ResponseKey ClosingGoodbye = new("closing.goodbye");
    public static readonly ResponseKey CsatAsk = new("csat.ask");
    public static readonly ResponseKey CsatRetry = new("csat.retry");
    public static readonly ResponseKey CsatScore = new("csat.score", "score");
    public static readonly ResponseKey CsatSkip = new("csat.skip");
    public static readonly ResponseKey CsatAskComment = new("csat.askComment");
    public static readonly ResponseKey CsatThanks = new("csat.thanks");

    public static readonly ResponseKey PromptDateRetry = new("prompt.dateRetry");
    public static readonly ResponseKey PromptTimeRetry = new("prompt.timeRetry");
    public static readonly ResponseKey PromptCarNumberRetry = new("prompt.carNumberRetry");
    public static readonly ResponseKey PromptYesNoRetry = new("prompt.yesNoRetry");

    public static readonly ResponseKey IdentityAsk = new("identity.ask");
    public static readonly ResponseKey IdentityThanks = new("identity.thanks");
    public static readonly ResponseKey IdentityRestricted = new("identity.restricted");
    public static readonly ResponseKey FlowOfferAgent = new("flow.offerAgent");
    public static readonly ResponseKey AccountNotFound = new("flow.accountNotFound");
    public static readonly ResponseKey UsageAskDate = new("usage.askDate");
    public static readonly ResponseKey UsageNotFound = new("usage.notFound", "date");
    public static readonly ResponseKey UsageNotFoundOfferAgent = new("usage.notFoundOfferAgent", "date");
    public static readonly ResponseKey UsageConfirm = new("usage.confirm", "date", "lot");
    public static readonly ResponseKey UsageConfirmWithAmount = new("usage.confirmWithAmount", "date", "lot", "amount");
    public static readonly ResponseKey UsageNoneAtNamedLot = new("usage.noneAtNamedLot", "date", "lot");
    public static readonly ResponseKey UsageChoose = new("usage.choose", "date");
    public static readonly ResponseKey UsageChooseRetry = new("usage.chooseRetry");
    public static readonly ResponseKey KindTicket = new("kind.ticket");
    public static readonly ResponseKey KindParkingPass = new("kind.parkingPass");
    public static readonly ResponseKey KindSeasonPass = new("kind.seasonPass");
    public static readonly ResponseKey KindValet = new("kind.valet");
    public static readonly ResponseKey CarNumberConfirm = new("carNumber.confirm", "carNumber");

    public static readonly ResponseKey UnusedEmpathy = new("unused.empathy");
    public static readonly ResponseKey UnusedSituation = new("unused.situation");
    public static readonly ResponseKey UnusedCancelledInUse = new("unused.cancelledInUse");
    public static readonly ResponseKey UnusedAlreadyCancelled = new("unused.alreadyCancelled");
    public static readonly ResponseKey UnusedNothingCharged = new("unused.nothingCharged");
    public static readonly ResponseKey UnusedRefundWaiting = new("unused.refundWaiting", "refundDays");
    public static readonly ResponseKey UnusedOutstandingWaiting = new("unused.outstandingWaiting");
    public static readonly ResponseKey UnusedNotMyCarWaiting = new("unused.notMyCarWaiting");
    public static readonly ResponseKey UnusedImprovement = new("unused.improvement");
    public static readonly ResponseKey UnusedSelfCancelLink = new("unused.selfCancelLink", "link");
    public static readonly ResponseKey UnusedAirportWaiting = new("unused.airportWaiting");

    public static readonly ResponseKey FollowUpRepeatWorry = new("followUp.repeatWorry", "link");
    public static readonly ResponseKey FollowUpRepeatWorryNoLink = new("followUp.repeatWorryNoLink");
    public static readonly ResponseKey FollowUpCancelParkingPass = new("followUp.cancelParkingPass", "link");
    public static readonly ResponseKey FollowUpWhyLotHidden = new("followUp.whyLotHidden");
    public static readonly ResponseKey FollowUpCheckEnteredCarAsk = new("followUp.checkEnteredCarAsk");
    public static readonly ResponseKey FollowUpCheckEnteredCarWaiting = new("followUp.checkEnteredCarWaiting");
    public static readonly ResponseKey FollowUpSeasonCare = new("followUp.seasonCare");
    public static readonly ResponseKey FollowUpSeasonCoupon = new("followUp.seasonCoupon", "amount");
    public static readonly ResponseKey FollowUpValetPassTerms = new("followUp.valetPassTerms");

    public static readonly ResponseKey ValetUnusedEmpathy = new("valetUnused.empathy");
    public static readonly ResponseKey ValetUnusedStaffTypoWaiting = new("valetUnused.staffTypoWaiting");
    public static readonly ResponseKey ValetUnusedChargeStands = new("valetUnused.chargeStands");
    public static readonly ResponseKey ValetUnusedCancelGuide = new("valetUnused.cancelGuide", "link");

    public static readonly ResponseKey ValetExitEmpathy = new("valetExit.empathy");
    public static readonly ResponseKey ValetExitSituation = new("valetExit.situation");
    public static readonly ResponseKey ValetExitClosedAtZero = new("valetExit.closedAtZero");
    public static readonly ResponseKey ValetExitAskPaidOnSite = new("valetExit.askPaidOnSite", "amount");
    public static readonly ResponseKey ValetExitAskReceipt = new("valetExit.askReceipt");
    public static readonly ResponseKey ValetExitAskReceiptRetry = new("valetExit.askReceiptRetry");
    public static readonly ResponseKey ValetExitReceiptWaiting = new("valetExit.receiptWaiting");
    public static readonly ResponseKey ValetExitValetZoneWaiting = new("valetExit.valetZoneWaiting");

    public static readonly ResponseKey DoubleEmpathy = new("double.empathy");
    public static readonly ResponseKey DoubleSeongbuk = new("double.seongbuk", "phone");
    public static readonly ResponseKey DoubleSokchoWaiting = new("double.sokchoWaiting");
    public static readonly ResponseKey DoubleAirport = new("double.airport");
    public static readonly ResponseKey DoubleReferThirdParty = new("double.referThirdParty", "provider");
    public static readonly ResponseKey DoubleAskRecords = new("double.askRecords");
    public static readonly ResponseKey DoubleAskRecordsRetry = new("double.askRecordsRetry");
    public static readonly ResponseKey DoubleExplain = new("double.explain");
    public static readonly ResponseKey DoubleCoupon = new("double.coupon", "scope", "howToApply", "validUntil", "link");
    public static readonly ResponseKey DoubleCancelWaiting = new("double.cancelWaiting", "refundDays");

    public static readonly ResponseKey TicketEmpathy = new("ticket.empathy");
    public static readonly ResponseKey TicketAskEntryTime = new("ticket.askEntryTime");
    public static readonly ResponseKey TicketSituation = new("ticket.situation");
    public static readonly ResponseKey TicketEnteredBeforeWindow = new("ticket.enteredBeforeWindow", "windowStart");
    public static readonly ResponseKey TicketReservedAfterEntry = new("ticket.reservedAfterEntry", "entryTime");
    public static readonly ResponseKey TicketAskImmediateExit = new("ticket.askImmediateExit");
    public static readonly ResponseKey TicketAskPlannedExit = new("ticket.askPlannedExit");
    public static readonly ResponseKey TicketExcessOnSite = new("ticket.excessOnSite", "windowEnd");
    public static readonly ResponseKey TicketAppliedWithinWindow = new("ticket.appliedWithinWindow");
    public static readonly ResponseKey TicketAppliedImmediate = new("ticket.appliedImmediate");
    public static readonly ResponseKey TicketOutboundWaiting = new("ticket.outboundWaiting");
    public static readonly ResponseKey TicketAlreadyLeftWaiting = new("ticket.alreadyLeftWaiting");
    public static readonly ResponseKey TicketOutboundImmediateWaiting = new("ticket.outboundImmediateWaiting");

    public static readonly ResponseKey SeasonEmpathy = new("season.empathy");
    public static readonly ResponseKey SeasonFound = new("season.found", "lot");
    public static readonly ResponseKey SeasonChoose = new("season.choose");
    public static readonly ResponseKey SeasonChooseRetry = new("season.chooseRetry");
    public static readonly ResponseKey SeasonNotFound = new("season.notFound");
    public static readonly ResponseKey SeasonAskLeavingNow = new("season.askLeavingNow");
    public static readonly ResponseKey SeasonAskCallButton = new("season.askCallButton");
    public static readonly ResponseKey SeasonOutboundWaiting = new("season.outboundWaiting");
    public static readonly ResponseKey SeasonAskPaidOnSite = new("season.askPaidOnSite");
    public static readonly ResponseKey SeasonAskReceipt = new("season.askReceipt");
    public static readonly ResponseKey SeasonAskReceiptRetry = new("season.askReceiptRetry");
    public static readonly ResponseKey SeasonRefundWaiting = new("season.refundWaiting");
    public static readonly ResponseKey SeasonRegistrationRequested = new("season.registrationRequested");

    public static readonly ResponseKey AnswerYes = new("answer.yes");
    public static readonly ResponseKey AnswerNo = new("answer.no");
    public static readonly ResponseKey QuestionNotAnsweredHere = new("question.notAnsweredHere");
    public static readonly ResponseKey ClarifyIdentityYes = new("clarify.identity.yes");
    public static readonly ResponseKey ClarifyIdentityNo = new("clarify.identity.no");
    public static readonly ResponseKey ClarifyUsageYes = new("clarify.usageConfirm.yes");
    public static readonly ResponseKey ClarifyUsageNo = new("clarify.usageConfirm.no");
    public static readonly ResponseKey ClarifyCarYes = new("clarify.carConfirm.yes");
    public static readonly ResponseKey ClarifyCarNo = new("clarify.carConfirm.no");
    public static readonly ResponseKey ClarifyLeavingNowYes = new("clarify.leavingNow.yes");
    public static readonly ResponseKey ClarifyLeavingNowNo = new("clarify.leavingNow.no");
    public static readonly ResponseKey ClarifyCallButtonYes = new("clarify.callButton.yes");
    public static readonly ResponseKey ClarifyCallButtonNo = new("clarify.callButton.no");
    public static readonly ResponseKey ClarifyPaidOnSiteYes = new("clarify.paidOnSite.yes");
    public static readonly ResponseKey ClarifyPaidOnSiteNo = new("clarify.paidOnSite.no");
    public static readonly ResponseKey ClarifyLotCheckYes = new("clarify.lotCheckConsent.yes");
    public static readonly ResponseKey ClarifyLotCheckNo = new("clarify.lotCheckConsent.no");

    public static readonly ResponseKey ErrorApology = new("error.apology");
    public static readonly ResponseKey ReleaseContinue = new("release.continue");
}

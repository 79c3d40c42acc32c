using ParkingBot.Parking.Model;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Parking.Tests;

public class TicketPolicyTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));

    private static Usage Ticket(DateTimeOffset entry, DateTimeOffset reserved) => new()
    {
        Id = "u", CustomerId = "c", LotId = "l", CarNumber = "12가3456", Kind = UsageKind.Ticket, Date = new DateOnly(2026, 11, 20),
        WindowStart = Nine, WindowEnd = Nine.AddHours(9), EntryAt = entry, ReservedAt = reserved, Status = UsageStatus.Reserved,
    };

    private static ParkingLot Lot(bool webDiscount = true, bool postEntry = false) =>
        new() { Id = "l", Name = "강남역 공영주차장", AdministrativeArea = "서울시 강남구 역삼동", WebDiscount = webDiscount, PostEntryPurchase = postEntry };

    [Fact]
    public void Entering_one_minute_before_the_window_means_the_ticket_cannot_apply() =>
        Assert.Equal(TicketReason.EnteredBeforeWindow, TicketPolicy.Decide(Ticket(Nine.AddMinutes(-1), Nine.AddDays(-1)), Lot()));

    [Fact]
    public void Entering_at_the_window_start_applies() =>
        Assert.Equal(TicketReason.ApplyByWebDiscount, TicketPolicy.Decide(Ticket(Nine, Nine.AddDays(-1)), Lot()));

    [Fact]
    public void Reserving_one_minute_after_entry_means_the_ticket_cannot_apply() =>
        Assert.Equal(TicketReason.ReservedAfterEntry, TicketPolicy.Decide(Ticket(Nine.AddHours(1), Nine.AddHours(1).AddMinutes(1)), Lot()));

    [Fact]
    public void Reserving_after_entry_applies_where_the_lot_supports_post_entry_purchase() =>
        Assert.Equal(TicketReason.ApplyByWebDiscount, TicketPolicy.Decide(Ticket(Nine.AddHours(1), Nine.AddHours(1).AddMinutes(1)), Lot(postEntry: true)));

    [Fact]
    public void Without_web_discount_only_a_call_to_the_lot_applies_the_ticket() =>
        Assert.Equal(TicketReason.AskLotByOutboundCall, TicketPolicy.Decide(Ticket(Nine.AddHours(1), Nine.AddDays(-1)), Lot(webDiscount: false)));

    [Fact]
    public void A_usage_that_is_no_ticket_is_said_so() =>
        Assert.Equal(TicketReason.NotATicket, TicketPolicy.Decide(Ticket(Nine, Nine) with { Kind = UsageKind.ParkingPass }, Lot()));

    [Fact]
    public void Staying_past_the_window_is_paid_on_site_and_the_end_itself_is_not()
    {
        var ticket = Ticket(Nine, Nine.AddDays(-1));

        Assert.Equal(ExitTiming.WithinWindow, TicketPolicy.CheckExit(ticket, Nine.AddHours(9)));
        Assert.Equal(ExitTiming.AfterWindowExcessPaidOnSite, TicketPolicy.CheckExit(ticket, Nine.AddHours(9).AddMinutes(1)));
    }
}

public class SeasonPassCompensationPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static SeasonPass Pass(DateOnly[] missed, DateOnly[] coupons) => new()
    {
        Id = "sp", CustomerId = "c", LotId = "l", CarNumber = "12가3456", From = Today.AddDays(-10), To = Today.AddDays(19),
        MissedRecognitions = missed, CouponsIssued = coupons,
    };

    private static SeasonPassCompensationPolicy Policy() => new(new ParkingPolicySettings(), new Clock());

    [Fact]
    public void A_first_missed_registration_in_the_month_gets_explanation_and_care() =>
        Assert.Equal(SeasonPassCompensation.ExplainAndCare, Policy().Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([], [])).Compensation);

    [Fact]
    public void A_second_missed_registration_in_the_month_earns_the_3000_won_coupon()
    {
        var decision = Policy().Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([Today.AddDays(-5)], []));

        Assert.Equal(new SeasonPassDecision(SeasonPassCompensation.ParkingCsCoupon, 3000), decision);
    }

    [Fact]
    public void A_third_in_the_same_month_does_not_earn_another_coupon() =>
        Assert.Equal(SeasonPassCompensation.MonthlyCouponLimitReached,
            Policy().Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([Today.AddDays(-9), Today.AddDays(-5)], [Today.AddDays(-5)])).Compensation);

    [Fact]
    public void Last_month_does_not_count_toward_this_month() =>
        Assert.Equal(SeasonPassCompensation.ExplainAndCare,
            Policy().Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([new DateOnly(2026, 10, 30)], [new DateOnly(2026, 10, 30)])).Compensation);

    [Fact]
    public void Equipment_misreads_are_cared_for_and_closed_as_camera_misreads() =>
        Assert.Equal(SeasonPassCompensation.CareCloseAsCameraMisread, Policy().Decide(SeasonPassIssue.EquipmentMisread, Pass([Today], [])).Compensation);

    [Fact]
    public void A_refund_claim_gets_the_refund_policy() =>
        Assert.Equal(SeasonPassCompensation.ExplainRefundPolicy, Policy().Decide(SeasonPassIssue.RefundClaimCompanyAtFault, Pass([], [])).Compensation);

    [Theory]
    [InlineData(150_000, 30, 12, 90_000)]
    [InlineData(100_000, 30, 12, 60_000)]
    [InlineData(100_000, 30, 0, 100_000)]
    [InlineData(100_000, 30, 30, 0)]
    [InlineData(100_000, 30, 40, 0)]
    [InlineData(100_000, 31, 10, 67_742)]
    public void The_consumer_agency_refund_deducts_the_days_used(long paid, int usable, int used, long refund) =>
        Assert.Equal(refund, SeasonPassCompensationPolicy.ConsumerAgencyRefund(paid, usable, used));

    [Fact]
    public void The_coupon_amount_and_monthly_limits_come_from_the_settings()
    {
        var settings = new ParkingPolicySettings { SeasonPassCouponWon = 5000, CouponFromOccurrencesInMonth = 3 };
        var policy = new SeasonPassCompensationPolicy(settings, new Clock());

        Assert.Equal(SeasonPassCompensation.ExplainAndCare, policy.Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([Today.AddDays(-5)], [])).Compensation);
        Assert.Equal(5000, policy.Decide(SeasonPassIssue.OperatorMissedRegistration, Pass([Today.AddDays(-9), Today.AddDays(-5)], [])).CouponWon);
    }
}

public class UnusedChargePolicyTests
{
    private static Usage Pick(UsageStatus status) => new() { Id = "u", CustomerId = "c", LotId = "l", CarNumber = "12가3456", Kind = UsageKind.ParkingPass, Status = status, Amount = 4000 };

    private static ParkingLot Lot(bool direct = false, bool closed = false, SpecialHandling special = SpecialHandling.None, bool excluded = false) =>
        new() { Id = "l", Name = "강남역 공영주차장", AdministrativeArea = "서울시 강남구 역삼동", DirectlyOperated = direct, Closed = closed, SpecialHandling = special, SelfCancelLinkExcluded = excluded };

    [Fact]
    public void In_use_the_bot_cancels_the_pick_and_the_lot_is_compensated() =>
        Assert.Equal(new UnusedChargeDecision(UnusedChargeAction.CancelPick, UnusedChargeCompensation.LotCompensation, false, true, false),
            UnusedChargePolicy.Decide(Pick(UsageStatus.InUse), Lot()));

    [Fact]
    public void A_directly_operated_lot_needs_no_compensation_after_a_pick_cancel() =>
        Assert.Equal(UnusedChargeCompensation.None, UnusedChargePolicy.Decide(Pick(UsageStatus.InUse), Lot(direct: true)).Compensation);

    [Fact]
    public void Completed_means_an_agent_cancels_the_payment()
    {
        var decision = UnusedChargePolicy.Decide(Pick(UsageStatus.Completed), Lot());

        Assert.Equal((UnusedChargeAction.CancelPayment, true), (decision.Action, decision.NeedsAgent));
    }

    [Fact]
    public void Outstanding_is_withdrawn_and_compensated_whatever_its_age() =>
        Assert.Equal(UnusedChargeCompensation.CompensateRegardlessOfAge, UnusedChargePolicy.Decide(Pick(UsageStatus.Outstanding), Lot()).Compensation);

    [Fact]
    public void A_closed_lot_gives_a_coupon_then_t_point_or_t_point_after_payment()
    {
        Assert.Equal(UnusedChargeCompensation.CouponThenTPoint, UnusedChargePolicy.Decide(Pick(UsageStatus.Completed), Lot(closed: true)).Compensation);
        Assert.Equal(UnusedChargeCompensation.TPointAfterPayment, UnusedChargePolicy.Decide(Pick(UsageStatus.Outstanding), Lot(closed: true)).Compensation);
    }

    [Fact]
    public void At_incheon_airport_the_center_contacts_the_airport_first() =>
        Assert.True(UnusedChargePolicy.Decide(Pick(UsageStatus.Completed), Lot(special: SpecialHandling.IncheonAirport)).ContactAirportFirst);

    [Fact]
    public void A_customer_cancelled_pick_needs_nothing() =>
        Assert.Equal((UnusedChargeAction.AlreadyCancelledByCustomer, false),
            (UnusedChargePolicy.Decide(Pick(UsageStatus.CancelledByCustomer), Lot()).Action, UnusedChargePolicy.Decide(Pick(UsageStatus.CancelledByCustomer), Lot()).NeedsAgent));

    [Theory]
    [InlineData(SpecialHandling.Coex, false, false)]
    [InlineData(SpecialHandling.Namiseom, false, false)]
    [InlineData(SpecialHandling.IncheonAirport, false, false)]
    [InlineData(SpecialHandling.None, true, false)]
    [InlineData(SpecialHandling.None, false, true)]
    public void The_self_cancel_link_is_not_offered_for_coex_namiseom_and_incheon(SpecialHandling special, bool excluded, bool offered) =>
        Assert.Equal(offered, UnusedChargePolicy.Decide(Pick(UsageStatus.InUse), Lot(special: special, excluded: excluded)).OfferSelfCancelLink);
}

public class DoublePaymentPolicyTests
{
    private static readonly DateTimeOffset Entry = new(2026, 11, 19, 10, 0, 0, TimeSpan.FromHours(9));

    private static Usage Charge(DateTimeOffset? bought, string provider = "모두의주차장") => new()
    {
        Id = "u", CustomerId = "c", LotId = "l", CarNumber = "12가3456", Kind = UsageKind.ParkingPass, Status = UsageStatus.Completed, EntryAt = Entry, Amount = 5000,
        ThirdPartyTicket = bought is { } at ? new ThirdPartyTicket(provider, at) : null,
    };

    private static ParkingLot Lot(SpecialHandling special = SpecialHandling.None, params string[] phones) =>
        new() { Id = "l", Name = "lot", AdministrativeArea = "area", SpecialHandling = special, Phones = phones };

    private static DoublePaymentPolicy Policy(DateOnly? couponUntil = null) =>
        new(new ParkingPolicySettings { TicketCoupon = new TicketCouponTerms { ValidUntil = couponUntil ?? new DateOnly(2026, 12, 31) } }, new Clock());

    [Fact]
    public void Seongbuk_customers_call_the_control_center_themselves()
    {
        var decision = Policy().Decide(Charge(Entry.AddHours(-1)), Lot(SpecialHandling.SeongbukPublic, "02-6925-0023"));

        Assert.Equal((DoublePaymentRoute.CustomerCallsControlCenter, false), (decision.Route, decision.OfferTicketCoupon));
        Assert.Equal(["02-6925-0023"], decision.Phones);
    }

    [Fact]
    public void Sokcho_is_called_by_the_center_which_follows_up()
    {
        var decision = Policy().Decide(Charge(Entry.AddHours(-1)), Lot(SpecialHandling.SokchoPublic, "033-636-4240", "033-637-6242"));

        Assert.Equal(DoublePaymentRoute.CenterCallsControlCenter, decision.Route);
        Assert.Equal(["033-636-4240", "033-637-6242"], decision.Phones);
    }

    [Fact]
    public void Incheon_airport_goes_to_an_internal_request() =>
        Assert.Equal(DoublePaymentRoute.InternalRequest, Policy().Decide(Charge(Entry.AddHours(-1)), Lot(SpecialHandling.IncheonAirport)).Route);

    [Fact]
    public void A_moduparking_ticket_bought_one_minute_after_entry_is_referred_to_moduparking() =>
        Assert.Equal(DoublePaymentRoute.ReferToThirdParty, Policy().Decide(Charge(Entry.AddMinutes(1)), Lot()).Route);

    [Fact]
    public void A_ticket_bought_before_entry_gets_the_payment_cancelled_and_a_coupon()
    {
        var decision = Policy().Decide(Charge(Entry), Lot());

        Assert.Equal((DoublePaymentRoute.CancelParkingPassPayment, true), (decision.Route, decision.OfferTicketCoupon));
    }

    [Fact]
    public void No_coupon_is_offered_after_its_last_day() =>
        Assert.False(Policy(new DateOnly(2026, 11, 19)).Decide(Charge(Entry.AddHours(-2)), Lot()).OfferTicketCoupon);

    [Fact]
    public void Another_provider_without_the_post_entry_rule_is_cancelled_even_when_bought_after_entry() =>
        Assert.Equal(DoublePaymentRoute.CancelParkingPassPayment, Policy().Decide(Charge(Entry.AddMinutes(5), "아이파킹"), Lot()).Route);

    [Fact]
    public void Without_another_ticket_on_record_there_is_no_double_payment_to_cancel() =>
        Assert.Equal(DoublePaymentRoute.NoThirdPartyTicket, Policy().Decide(Charge(null), Lot()).Route);
}

public class ValetAndMentionPolicyTests
{
    [Fact]
    public void A_sold_car_still_on_the_valet_pass_keeps_the_charge() =>
        Assert.Equal(ValetChargeRoute.ChargeStandsGuideCancellation,
            ValetPolicy.DecideUnusedCharge(new Vehicle { CarNumber = "78버1234", ValetPassRegistered = true, NoLongerOwned = true }));

    [Fact]
    public void Otherwise_the_department_checks_for_a_mistyped_plate() =>
        Assert.Equal(ValetChargeRoute.DepartmentCheckAndSms, ValetPolicy.DecideUnusedCharge(new Vehicle { CarNumber = "12가3456", ValetPassRegistered = true }));

    [Theory]
    [InlineData(0, false, ValetExitRoute.CloseAtZero)]
    [InlineData(10000, true, ValetExitRoute.ReviewReceiptThenValetZone)]
    [InlineData(10000, false, ValetExitRoute.ValetZoneCheck)]
    public void A_valet_exit_not_processed_is_closed_at_zero_or_checked_by_the_valet_zone(long amount, bool paidOnSite, ValetExitRoute route) =>
        Assert.Equal(route, ValetPolicy.DecideExitNotProcessed(new Usage { Id = "u", CustomerId = "c", LotId = "l", CarNumber = "12가3456", Kind = UsageKind.Valet, Amount = amount }, paidOnSite));

    [Fact]
    public void Without_ownership_verification_only_the_area_is_said()
    {
        var lot = new ParkingLot { Id = "l", Name = "강남역 공영주차장", AdministrativeArea = "서울시 강남구 역삼동" };

        Assert.Equal("강남역 공영주차장", LotMentionPolicy.Mention(lot, new Vehicle { CarNumber = "12가3456", OwnershipVerified = true }));
        Assert.Equal("서울시 강남구 역삼동", LotMentionPolicy.Mention(lot, new Vehicle { CarNumber = "34나5678" }));
        Assert.Equal("서울시 강남구 역삼동", LotMentionPolicy.Mention(lot, null));
    }

    [Fact]
    public void Settings_name_every_problem()
    {
        var problems = new ParkingPolicySettings { SeasonPassCouponWon = 0, CardRefundMinBusinessDays = 6, SelfCancelLink = "http://insecure" }.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Empty(new ParkingPolicySettings().Validate());
    }
}

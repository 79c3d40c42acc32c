using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

public enum UnusedChargeAction
{
    /// <summary>이용 중: the bot cancels the pick itself.</summary>
    CancelPick,
    /// <summary>이용완료: the payment is cancelled by an agent (refund).</summary>
    CancelPayment,
    /// <summary>미수: the outstanding charge is withdrawn by an agent.</summary>
    WithdrawOutstanding,
    /// <summary>The customer already cancelled it in the app: nothing will be charged.</summary>
    AlreadyCancelledByCustomer,
    /// <summary>Reserved or already cancelled by us: nothing to do.</summary>
    NothingCharged,
}

public enum UnusedChargeCompensation
{
    None,
    /// <summary>보전처리 for the lot after a pick cancel (not for directly operated lots).</summary>
    LotCompensation,
    /// <summary>Withdrawn outstanding charge: compensate whatever its age.</summary>
    CompensateRegardlessOfAge,
    /// <summary>Closed lot, paid usage: a coupon first, T-point if the customer declines.</summary>
    CouponThenTPoint,
    /// <summary>Closed lot, outstanding usage: T-point after payment.</summary>
    TPointAfterPayment,
}

public sealed record UnusedChargeDecision(
    UnusedChargeAction Action,
    UnusedChargeCompensation Compensation,
    bool ContactAirportFirst,
    bool OfferSelfCancelLink,
    bool NeedsAgent);

/// <summary>Playbook 002: what to do with a usage the customer did not make, by its pick status and lot.</summary>
public static class UnusedChargePolicy
{
    public static UnusedChargeDecision Decide(Usage usage, ParkingLot lot)
    {
        var airport = lot.SpecialHandling == SpecialHandling.IncheonAirport;
        var selfCancelLink = !lot.SelfCancelLinkExcluded && lot.SpecialHandling is not (SpecialHandling.Coex or SpecialHandling.Namiseom or SpecialHandling.IncheonAirport);
        return usage.Status switch
        {
            UsageStatus.InUse => new(UnusedChargeAction.CancelPick,
                lot.DirectlyOperated ? UnusedChargeCompensation.None : UnusedChargeCompensation.LotCompensation,
                ContactAirportFirst: false, selfCancelLink, NeedsAgent: false),
            UsageStatus.Completed => new(UnusedChargeAction.CancelPayment,
                lot.Closed ? UnusedChargeCompensation.CouponThenTPoint : UnusedChargeCompensation.None,
                airport, selfCancelLink, NeedsAgent: true),
            UsageStatus.Outstanding => new(UnusedChargeAction.WithdrawOutstanding,
                lot.Closed ? UnusedChargeCompensation.TPointAfterPayment : UnusedChargeCompensation.CompensateRegardlessOfAge,
                airport, selfCancelLink, NeedsAgent: true),
            UsageStatus.CancelledByCustomer => new(UnusedChargeAction.AlreadyCancelledByCustomer, UnusedChargeCompensation.None, false, selfCancelLink, NeedsAgent: false),
            _ => new(UnusedChargeAction.NothingCharged, UnusedChargeCompensation.None, false, selfCancelLink, NeedsAgent: false),
        };
    }
}

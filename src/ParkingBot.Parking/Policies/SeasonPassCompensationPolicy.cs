using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

/// <summary>Why a season-pass car was treated as a regular car (playbook 001's table columns).</summary>
public enum SeasonPassIssue
{
    /// <summary>The operator forgot to register the pass.</summary>
    OperatorMissedRegistration,
    /// <summary>Equipment or LPR misread the plate.</summary>
    EquipmentMisread,
    /// <summary>Repeated trouble where the company is at fault, and the customer wants a refund.</summary>
    RefundClaimCompanyAtFault,
}

public enum SeasonPassCompensation
{
    /// <summary>1st time: explain, state the policy, care.</summary>
    ExplainAndCare,
    /// <summary>2nd time in a month: a Parking CS coupon.</summary>
    ParkingCsCoupon,
    /// <summary>Already compensated this month: care only.</summary>
    MonthlyCouponLimitReached,
    /// <summary>Camera misread: care and close as a misread.</summary>
    CareCloseAsCameraMisread,
    /// <summary>Refund claim: prevent recurrence and explain the refund policy.</summary>
    ExplainRefundPolicy,
}

public sealed record SeasonPassDecision(SeasonPassCompensation Compensation, long CouponWon = 0);

/// <summary>Playbook 001's compensation table and the consumer-agency refund formula.</summary>
public sealed class SeasonPassCompensationPolicy(ParkingPolicySettings settings, TimeProvider timeProvider)
{
    /// <summary>Decides for an occurrence happening now; <paramref name="pass"/> holds the earlier ones this month.</summary>
    public SeasonPassDecision Decide(SeasonPassIssue issue, SeasonPass pass)
    {
        switch (issue)
        {
            case SeasonPassIssue.EquipmentMisread:
                return new SeasonPassDecision(SeasonPassCompensation.CareCloseAsCameraMisread);
            case SeasonPassIssue.RefundClaimCompanyAtFault:
                return new SeasonPassDecision(SeasonPassCompensation.ExplainRefundPolicy);
        }
        var today = KoreaTime.Today(timeProvider);
        bool ThisMonth(DateOnly day) => day.Year == today.Year && day.Month == today.Month;
        var occurrences = pass.MissedRecognitions.Count(ThisMonth) + (pass.MissedRecognitions.Contains(today) ? 0 : 1);
        if (occurrences < settings.CouponFromOccurrencesInMonth)
        {
            return new SeasonPassDecision(SeasonPassCompensation.ExplainAndCare);
        }
        return pass.CouponsIssued.Count(ThisMonth) >= settings.CouponsPerMonth
            ? new SeasonPassDecision(SeasonPassCompensation.MonthlyCouponLimitReached)
            : new SeasonPassDecision(SeasonPassCompensation.ParkingCsCoupon, settings.SeasonPassCouponWon);
    }

    /// <summary>
    /// Refund through the consumer agency (소보원): paid − (paid ÷ usable days) × days used, to the won
    /// (rounded half up). It differs from the company's own refund policy.
    /// </summary>
    public static long ConsumerAgencyRefund(long paid, int usableDays, int daysUsed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(usableDays);
        ArgumentOutOfRangeException.ThrowIfNegative(daysUsed);
        var used = Math.Min(daysUsed, usableDays);
        return (long)Math.Round(paid - (decimal)paid / usableDays * used, MidpointRounding.AwayFromZero);
    }
}

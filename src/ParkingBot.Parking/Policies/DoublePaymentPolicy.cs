using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

public enum DoublePaymentRoute
{
    /// <summary>성북구 public lot: the customer calls the control center directly.</summary>
    CustomerCallsControlCenter,
    /// <summary>속초시 public lot: the center calls the control center and follows up with the customer.</summary>
    CenterCallsControlCenter,
    /// <summary>Incheon Airport: an internal request.</summary>
    InternalRequest,
    /// <summary>The other company's ticket was bought after entry: the customer asks that company.</summary>
    ReferToThirdParty,
    /// <summary>Cancel the parking-pass payment after reviewing the reservation and payment records (agent).</summary>
    CancelParkingPassPayment,
    /// <summary>No other company's ticket on record: nothing shows a double payment yet.</summary>
    NoThirdPartyTicket,
}

public sealed record DoublePaymentDecision(DoublePaymentRoute Route, IReadOnlyList<string> Phones, bool OfferTicketCoupon);

/// <summary>Playbook 003: a parking-pass charge on top of another company's ticket.</summary>
public sealed class DoublePaymentPolicy(ParkingPolicySettings settings, TimeProvider timeProvider)
{
    public DoublePaymentDecision Decide(Usage usage, ParkingLot lot)
    {
        switch (lot.SpecialHandling)
        {
            case SpecialHandling.SeongbukPublic:
                return new(DoublePaymentRoute.CustomerCallsControlCenter, lot.Phones, false);
            case SpecialHandling.SokchoPublic:
                return new(DoublePaymentRoute.CenterCallsControlCenter, lot.Phones, false);
            case SpecialHandling.IncheonAirport:
                return new(DoublePaymentRoute.InternalRequest, [], false);
        }
        if (usage.ThirdPartyTicket is not { } ticket)
        {
            return new(DoublePaymentRoute.NoThirdPartyTicket, [], false);
        }
        if (BoughtAfterEntry(usage, ticket) && settings.ProvidersRefusingPostEntryTickets.Contains(ticket.Provider))
        {
            return new(DoublePaymentRoute.ReferToThirdParty, [], false);
        }
        return new(DoublePaymentRoute.CancelParkingPassPayment, [], CouponOffered());
    }

    private static bool BoughtAfterEntry(Usage usage, ThirdPartyTicket ticket) => usage.EntryAt is { } entry && ticket.PurchasedAt > entry;

    private bool CouponOffered() => settings.TicketCoupon.ValidUntil is { } until && KoreaTime.Today(timeProvider) <= until;
}

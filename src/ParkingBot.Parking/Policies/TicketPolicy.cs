using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

public enum TicketReason
{
    /// <summary>The ticket applies: it can be registered by web discount.</summary>
    ApplyByWebDiscount,
    /// <summary>The ticket applies, but only the lot can register it: an outbound call (주차장 OB).</summary>
    AskLotByOutboundCall,
    /// <summary>① Entered before the ticket's usage window.</summary>
    EnteredBeforeWindow,
    /// <summary>② Reserved after entering a lot that does not support post-entry purchase.</summary>
    ReservedAfterEntry,
    /// <summary>The usage is not a ticket.</summary>
    NotATicket,
}

/// <summary>Whether a planned exit stays within the ticket's window (③ the excess is paid on site).</summary>
public enum ExitTiming
{
    WithinWindow,
    AfterWindowExcessPaidOnSite,
}

/// <summary>Playbook 000: when a parking ticket can apply, how it gets applied, and what is paid on site.</summary>
public static class TicketPolicy
{
    public static TicketReason Decide(Usage ticket, ParkingLot lot)
    {
        if (ticket.Kind != UsageKind.Ticket)
        {
            return TicketReason.NotATicket;
        }
        if (ticket.EntryAt is { } entry && ticket.WindowStart is { } start && entry < start)
        {
            return TicketReason.EnteredBeforeWindow;
        }
        if (ticket.EntryAt is { } entered && ticket.ReservedAt is { } reserved && reserved > entered && !lot.PostEntryPurchase)
        {
            return TicketReason.ReservedAfterEntry;
        }
        return lot.WebDiscount ? TicketReason.ApplyByWebDiscount : TicketReason.AskLotByOutboundCall;
    }

    public static ExitTiming CheckExit(Usage ticket, DateTimeOffset plannedExit) =>
        ticket.WindowEnd is { } end && plannedExit > end ? ExitTiming.AfterWindowExcessPaidOnSite : ExitTiming.WithinWindow;

    /// <summary>The lot's payment timing (000 Q2: "this playbook: at exit").</summary>
    public static PaymentTiming PaymentTimingOf(ParkingLot lot) => lot.PaymentTiming;
}

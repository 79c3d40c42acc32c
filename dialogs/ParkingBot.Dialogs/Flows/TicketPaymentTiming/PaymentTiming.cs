using ParkingBot.Parking.Model;

namespace ParkingBot.Dialogs.Flows.TicketPaymentTiming;

/// <summary>The payment timing said for a lot the parking store does not know (Parking:DefaultPaymentTiming).</summary>
public sealed record DefaultPaymentTiming(PaymentTiming Timing);

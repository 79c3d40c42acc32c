namespace ParkingBot.Dialogs.Flows.TicketPaymentTiming;

/// <summary>When a lot charges the parking ticket (playbook 000: "depends on the lot").</summary>
public enum PaymentTiming
{
    AtExit,
    AtReservation,
    AtEntry,
}

/// <summary>The payment timing of a lot. Until the parking domain exists every lot has the configured one.</summary>
public interface ILotPaymentTiming
{
    PaymentTiming For(string lotName);
}

public sealed class ConfiguredLotPaymentTiming(PaymentTiming timing) : ILotPaymentTiming
{
    public PaymentTiming For(string lotName) => timing;
}

namespace ParkingBot.Parking.Model;

/// <summary>연동 (the lot's system talks to ours) or 비연동.</summary>
public enum Integration
{
    Integrated,
    NotIntegrated,
}

/// <summary>When a lot charges a parking ticket (playbook 000).</summary>
public enum PaymentTiming
{
    AtExit,
    AtReservation,
    AtEntry,
}

/// <summary>Lots the playbooks treat differently.</summary>
public enum SpecialHandling
{
    None,
    /// <summary>성북구 public lots: the customer calls the control center directly (playbook 003).</summary>
    SeongbukPublic,
    /// <summary>속초시 public lots: the center calls the control center and follows up (playbook 003).</summary>
    SokchoPublic,
    /// <summary>인천공항: every request goes through an internal request; the center contacts the airport first.</summary>
    IncheonAirport,
    /// <summary>무역센터(코엑스): no self-cancel link.</summary>
    Coex,
    /// <summary>남이섬: no self-cancel link.</summary>
    Namiseom,
}

public sealed record ParkingLot
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>시/구/동, the only thing said about the lot when the customer's vehicle is not ownership-verified.</summary>
    public required string AdministrativeArea { get; init; }

    public Integration Integration { get; init; }
    public bool WebDiscount { get; init; }
    public bool NeedsOutboundCall { get; init; }
    public bool DirectlyOperated { get; init; }
    public bool Closed { get; init; }
    public bool PostEntryPurchase { get; init; }
    public bool SelfCancelLinkExcluded { get; init; }
    public PaymentTiming PaymentTiming { get; init; }
    public SpecialHandling SpecialHandling { get; init; }

    /// <summary>Short names customers use besides <see cref="Name"/> ("강남역", "IFC", "코엑스"); one may stand for several lots ("공항").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Control-center numbers for the special lots (성북구, 속초시).</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];
}

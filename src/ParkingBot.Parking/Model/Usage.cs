namespace ParkingBot.Parking.Model;

public enum UsageKind
{
    /// <summary>주차권: a reserved ticket with a usage window.</summary>
    Ticket,
    /// <summary>주차패스: pay-at-exit by plate recognition.</summary>
    ParkingPass,
    /// <summary>정기권.</summary>
    SeasonPass,
    /// <summary>발레.</summary>
    Valet,
}

public enum UsageStatus
{
    /// <summary>예약완료.</summary>
    Reserved,
    /// <summary>이용 중.</summary>
    InUse,
    /// <summary>이용완료 (paid).</summary>
    Completed,
    /// <summary>The customer cancelled it in the app.</summary>
    CancelledByCustomer,
    /// <summary>미수: charged but not collected.</summary>
    Outstanding,
    /// <summary>Cancelled by us (a pick cancel).</summary>
    Cancelled,
}

/// <summary>Why a ticket was cancelled, for the cancellation notice (playbook 000 ④).</summary>
public enum TicketCancellationReason
{
    UserCancelled,
    EnteredOutsideWindow,
    AdminOrOnSiteRefusal,
}

/// <summary>A ticket from another company (모두의주차장…) used for the same stay.</summary>
public sealed record ThirdPartyTicket(string Provider, DateTimeOffset PurchasedAt);

/// <summary>One use of a lot (a pick): what, where, when, with which car, and where it stands.</summary>
public sealed record Usage
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string LotId { get; init; }
    public UsageKind Kind { get; init; }
    public required string CarNumber { get; init; }
    public DateOnly Date { get; init; }
    public DateTimeOffset? WindowStart { get; init; }
    public DateTimeOffset? WindowEnd { get; init; }
    public DateTimeOffset? ReservedAt { get; init; }
    public DateTimeOffset? EntryAt { get; init; }
    public DateTimeOffset? ExitAt { get; init; }
    public UsageStatus Status { get; init; }
    public long Amount { get; init; }
    public TicketCancellationReason? CancellationReason { get; init; }
    public ThirdPartyTicket? ThirdPartyTicket { get; init; }

    /// <summary>True once a web-discount ticket was applied by us.</summary>
    public bool TicketApplied { get; init; }
}

public sealed record SeasonPass
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string LotId { get; init; }
    public required string CarNumber { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }

    /// <summary>False when the operator forgot to register the car (the lot sees a regular car).</summary>
    public bool Registered { get; init; }

    public long PricePaid { get; init; }

    /// <summary>Days the pass was recognized as a regular car (for the compensation policy).</summary>
    public IReadOnlyList<DateOnly> MissedRecognitions { get; init; } = [];

    /// <summary>Days a Parking CS coupon was given for this pass.</summary>
    public IReadOnlyList<DateOnly> CouponsIssued { get; init; } = [];
}

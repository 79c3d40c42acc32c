using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Operations;

/// <summary>
/// What the dialogs may look up and do in the parking operations backend. Business refusals come back
/// as <see cref="OperationResult"/> with a reason code; only a broken backend throws. A command given an
/// idempotency key runs once for that key: asked again, it returns its first result and changes nothing.
/// </summary>
public interface IParkingOperations
{
    Task<CustomerAccount?> FindCustomerAsync(string channelId, string userId, CancellationToken cancellationToken = default);

    Task<ParkingLot?> GetLotAsync(string lotId, CancellationToken cancellationToken = default);

    /// <summary>Every lot, with the short names customers call it by (the bot finds lots named in free text among them).</summary>
    Task<IReadOnlyList<ParkingLot>> GetLotsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Usage>> FindUsagesAsync(UsageQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SeasonPass>> FindSeasonPassesAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Registers the ticket of a reserved or in-use ticket usage at a lot that supports web discount (웹할인).</summary>
    Task<OperationResult> ApplyTicketByWebDiscountAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>픽 취소: cancels a usage that is still in use, so it is never charged.</summary>
    Task<OperationResult> CancelInUsePickAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Closes an in-use valet usage whose fee is 0 won.</summary>
    Task<OperationResult> CloseValetAtZeroAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Asks the lot to check its plate-recognition equipment.</summary>
    Task<OperationResult> FileEquipmentCheckAsync(string lotId, string reason, string? usageId = null, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Records a request for another department (아지트): season pass registration, Incheon Airport…</summary>
    Task<OperationResult> RecordInternalRequestAsync(InternalRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Everything done through this port, newest last (what an agent or a test reads back).</summary>
    Task<IReadOnlyList<OperationRecord>> GetOperationsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Which usages to find; every criterion given must match.</summary>
public sealed record UsageQuery(string CustomerId)
{
    public DateOnly? Date { get; init; }
    public string? LotId { get; init; }
    public string? CarNumber { get; init; }
    public UsageKind? Kind { get; init; }
}

public sealed record InternalRequest(string Topic, string Detail, string? UsageId = null, string? LotId = null);

public enum OperationReason
{
    Done,
    UsageNotFound,
    LotNotFound,
    NotATicket,
    NotValet,
    LotHasNoWebDiscount,
    LotClosed,
    AlreadyApplied,
    NotInUse,
    AlreadyCancelled,
    FeeNotZero,
    EmptyRequest,
}

public sealed record OperationResult(bool Succeeded, OperationReason Reason, string? Reference = null)
{
    public static OperationResult Done(string reference) => new(true, OperationReason.Done, reference);

    public static OperationResult Refused(OperationReason reason) => new(false, reason);
}

public enum OperationKind
{
    TicketApplied,
    PickCancelled,
    ValetClosedAtZero,
    EquipmentCheckFiled,
    InternalRequestRecorded,
}

public sealed record OperationRecord(string Id, OperationKind Kind, DateTimeOffset At, string? UsageId, string? LotId, string Detail);

namespace ParkingBot.Parking.Seed;

/// <summary>The demo-data file (schema: Seed/README.md). Field names are camelCase; unknown fields are errors.</summary>
public sealed class SeedFile
{
    public List<SeedLot> Lots { get; set; } = [];
    public List<SeedCustomer> Customers { get; set; } = [];
    public List<SeedUsage> Usages { get; set; } = [];
    public List<SeedSeasonPass> SeasonPasses { get; set; } = [];
}

public sealed class SeedLot
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Area { get; set; }
    public List<string> Aliases { get; set; } = [];
    public string Integration { get; set; } = "integrated";
    public bool WebDiscount { get; set; }
    public bool NeedsOutboundCall { get; set; }
    public bool DirectlyOperated { get; set; }
    public bool Closed { get; set; }
    public bool PostEntryPurchase { get; set; }
    public bool SelfCancelLinkExcluded { get; set; }
    public string PaymentTiming { get; set; } = "atExit";
    public string Special { get; set; } = "none";
    public List<string> Phones { get; set; } = [];
}

public sealed class SeedCustomer
{
    public string? Id { get; set; }
    public string? Phone { get; set; }
    public List<SeedChannelUser> ChannelUsers { get; set; } = [];
    public List<SeedVehicle> Vehicles { get; set; } = [];
}

public sealed class SeedChannelUser
{
    public string? ChannelId { get; set; }
    public string? UserId { get; set; }
}

public sealed class SeedVehicle
{
    public string? CarNumber { get; set; }
    public bool OwnershipVerified { get; set; }
    public bool ParkingPass { get; set; }
    public bool ValetPass { get; set; }
    public bool NoLongerOwned { get; set; }
}

public sealed class SeedUsage
{
    public string? Id { get; set; }
    public string? CustomerId { get; set; }
    public string? LotId { get; set; }
    public string? Kind { get; set; }
    public string? CarNumber { get; set; }
    public string? Date { get; set; }
    public string? WindowStart { get; set; }
    public string? WindowEnd { get; set; }
    public string? ReservedAt { get; set; }
    public string? EntryAt { get; set; }
    public string? ExitAt { get; set; }
    public string? Status { get; set; }
    public long Amount { get; set; }
    public string? CancellationReason { get; set; }
    public SeedThirdPartyTicket? ThirdPartyTicket { get; set; }
}

public sealed class SeedThirdPartyTicket
{
    public string? Provider { get; set; }
    public string? PurchasedAt { get; set; }
}

public sealed class SeedSeasonPass
{
    public string? Id { get; set; }
    public string? CustomerId { get; set; }
    public string? LotId { get; set; }
    public string? CarNumber { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public bool Registered { get; set; } = true;
    public long PricePaid { get; set; }
    public List<string> MissedRecognitions { get; set; } = [];
    public List<string> CouponsIssued { get; set; } = [];
}

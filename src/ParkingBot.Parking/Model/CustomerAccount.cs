namespace ParkingBot.Parking.Model;

public sealed record ChannelUser(string ChannelId, string UserId);

public sealed record Vehicle
{
    public required string CarNumber { get; init; }

    /// <summary>소유인증: without it the lot name must not be said, only its administrative area.</summary>
    public bool OwnershipVerified { get; init; }

    public bool ParkingPassRegistered { get; init; }
    public bool ValetPassRegistered { get; init; }

    /// <summary>Sold or a returned rental, but still registered in the app (playbook 004: the valet charge stands).</summary>
    public bool NoLongerOwned { get; init; }
}

public sealed record CustomerAccount
{
    public required string Id { get; init; }
    public IReadOnlyList<ChannelUser> ChannelUsers { get; init; } = [];

    /// <summary>Only ever stored masked (010-****-5678).</summary>
    public required string MaskedPhone { get; init; }

    public IReadOnlyList<Vehicle> Vehicles { get; init; } = [];

    public Vehicle? FindVehicle(string carNumber) => Vehicles.FirstOrDefault(v => v.CarNumber == carNumber);
}

using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

/// <summary>Playbook 002: without ownership verification (소유인증) only the administrative area may be said.</summary>
public static class LotMentionPolicy
{
    public static string Mention(ParkingLot lot, Vehicle? vehicle) =>
        vehicle is { OwnershipVerified: true } ? lot.Name : lot.AdministrativeArea;
}

using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Policies;

public enum ValetChargeRoute
{
    /// <summary>A sold or rental car still on the customer's valet pass: the charge stands; guide how to cancel the pass and delete the car.</summary>
    ChargeStandsGuideCancellation,
    /// <summary>Valet staff may have typed a wrong plate: the department checks and texts the customer.</summary>
    DepartmentCheckAndSms,
}

public enum ValetExitRoute
{
    /// <summary>Fee 0 won: the bot closes the usage itself.</summary>
    CloseAtZero,
    /// <summary>Paid on site: review the receipt, then the valet zone checks and texts the customer.</summary>
    ReviewReceiptThenValetZone,
    /// <summary>Not paid on site: the valet zone checks and texts the customer.</summary>
    ValetZoneCheck,
}

/// <summary>Playbook 004: valet charges the customer did not make, and valet exits not processed.</summary>
public static class ValetPolicy
{
    public static ValetChargeRoute DecideUnusedCharge(Vehicle vehicle) =>
        vehicle is { NoLongerOwned: true, ValetPassRegistered: true }
            ? ValetChargeRoute.ChargeStandsGuideCancellation
            : ValetChargeRoute.DepartmentCheckAndSms;

    public static ValetExitRoute DecideExitNotProcessed(Usage valet, bool paidOnSite) =>
        valet.Amount == 0 ? ValetExitRoute.CloseAtZero
        : paidOnSite ? ValetExitRoute.ReviewReceiptThenValetZone
        : ValetExitRoute.ValetZoneCheck;
}

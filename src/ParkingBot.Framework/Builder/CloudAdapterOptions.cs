namespace ParkingBot.Framework.Builder;

/// <summary>Limits of the /api/messages endpoint. Bound from the configuration section "Bot".</summary>
public sealed class CloudAdapterOptions
{
    /// <summary>Largest accepted activity body (the Direct Line limit is 256K characters).</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}

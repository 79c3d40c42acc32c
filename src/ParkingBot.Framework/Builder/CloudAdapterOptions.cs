namespace ParkingBot.Framework.Builder;

/// <summary>Limits of the /api/messages endpoint. Bound from the configuration section "Bot".</summary>
public sealed class CloudAdapterOptions
{
    /// <summary>Largest accepted activity body (the Direct Line limit is 256K characters).</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Whether /api/messages takes unauthenticated activities when no MicrosoftAppId is configured. Unset: only in the
    /// Development environment (the Emulator on the developer's machine).
    /// </summary>
    public bool? AllowAnonymous { get; set; }

    /// <summary>In anonymous mode, the serviceUrls (besides loopback) the bot may answer: absolute URL prefixes.</summary>
    public List<string> AllowedServiceUrls { get; set; } = [];
}

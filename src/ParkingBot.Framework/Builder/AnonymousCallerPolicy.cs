using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// What /api/messages refuses before a turn runs. The channels ParkingBot hosts itself (the embedded Direct Line) never
/// come through it; without credentials (anonymous mode, for the Emulator) a turn may only answer a serviceUrl on
/// loopback or in Bot:AllowedServiceUrls, so nobody can make the bot POST to an address of their choosing.
/// </summary>
public static class AnonymousCallerPolicy
{
    /// <summary>Channels served by ParkingBot's own endpoints, never by /api/messages.</summary>
    public static readonly IReadOnlySet<string> HostedChannels = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Channels.DirectLine };

    /// <summary>The refusal of an activity that reached /api/messages, or null.</summary>
    public static TurnRefusal? Check(Activity activity, bool anonymous, IReadOnlyList<string> allowedServiceUrls)
    {
        if (activity.ChannelId is { } channel && HostedChannels.Contains(channel))
        {
            return new TurnRefusal("ChannelNotAccepted", $"Activities of the '{channel}' channel are served by ParkingBot's own endpoint, not /api/messages.");
        }
        // A serviceUrl that is no http(s) URL at all is refused as malformed by the turn runner (400).
        if (anonymous && activity.ServiceUrl is { Length: > 0 } serviceUrl && Connector.ConnectorDelivery.IsValidServiceUrl(serviceUrl)
            && !IsAllowed(serviceUrl, allowedServiceUrls))
        {
            return new TurnRefusal("ServiceUrlNotAllowed",
                "Without MicrosoftAppId the bot answers only serviceUrls on loopback or in Bot:AllowedServiceUrls.");
        }
        return null;
    }

    /// <summary>An http(s) URL on loopback, or under one of <paramref name="allowedServiceUrls"/> (same scheme, host and port, and path below).</summary>
    public static bool IsAllowed(string serviceUrl, IReadOnlyList<string> allowedServiceUrls) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (uri.IsLoopback || allowedServiceUrls.Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var prefix)
            && prefix.Scheme == uri.Scheme && string.Equals(prefix.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && prefix.Port == uri.Port
            && uri.AbsolutePath.StartsWith(prefix.AbsolutePath, StringComparison.Ordinal)));
}

using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Connector;

/// <summary>Delivers to channels outside this process: a Connector POST to the activity's serviceUrl.</summary>
public sealed class ConnectorDelivery(ConnectorClient connector) : IChannelDelivery
{
    public bool Handles(Activity activity) => true;

    public async Task<ResourceResponse> SendAsync(Activity activity, string? deliveryKey, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.SendAsync(activity, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException)
        {
            throw new ChannelDeliveryException("The channel at the serviceUrl did not take the activity.", exception);
        }
    }

    /// <summary>Only absolute http(s) URLs are ever called (never file:, javascript: or a relative path).</summary>
    public static bool IsValidServiceUrl(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

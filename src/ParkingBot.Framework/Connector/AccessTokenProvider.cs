using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace ParkingBot.Framework.Connector;

/// <summary>The bearer token the bot puts on its Connector calls; null when the bot runs anonymously.</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Client-credentials tokens from Microsoft Entra ID via MSAL (which caches and refreshes them).</summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    private readonly BotFrameworkAuthenticationOptions _options;
    private readonly IConfidentialClientApplication? _application;

    public MsalAccessTokenProvider(IOptions<BotFrameworkAuthenticationOptions> options)
    {
        _options = options.Value;
        if (!_options.IsAnonymous)
        {
            var tenant = string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId) ? "botframework.com" : _options.MicrosoftAppTenantId;
            _application = ConfidentialClientApplicationBuilder.Create(_options.MicrosoftAppId)
                .WithClientSecret(_options.MicrosoftAppPassword)
                .WithAuthority($"{_options.LoginEndpoint.TrimEnd('/')}/{tenant}")
                .Build();
        }
    }

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_application is null)
        {
            return null;
        }
        var result = await _application.AcquireTokenForClient([_options.ToChannelScope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}

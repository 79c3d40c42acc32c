namespace ParkingBot.Framework.Connector;

/// <summary>
/// The bot's Azure Bot Service registration. With no <see cref="MicrosoftAppId"/> the bot runs
/// anonymously (local Emulator): inbound calls need no token and replies carry none.
/// Bound from the configuration root (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId)
/// and the BotFrameworkAuthentication section for the endpoints.
/// </summary>
public sealed class BotFrameworkAuthenticationOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public string LoginEndpoint { get; set; } = "https://login.microsoftonline.com";
    public string ToChannelScope { get; set; } = "https://api.botframework.com/.default";
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Issuers of tokens the Emulator (or another AAD client) gets with the bot's own credentials.</summary>
    public IEnumerable<string> EmulatorIssuers()
    {
        yield return "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
        yield return "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";
        yield return "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/";
        yield return "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";
        if (!string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return $"https://sts.windows.net/{MicrosoftAppTenantId}/";
            yield return $"https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0";
        }
    }
}

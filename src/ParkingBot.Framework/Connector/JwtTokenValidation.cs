using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Connector;

/// <summary>
/// Authenticates the bearer token on an inbound activity the way Bot Framework does: Azure Bot Service
/// channel tokens (issuer api.botframework.com, serviceurl claim, key endorsements) and Emulator/AAD
/// tokens obtained with the bot's own credentials (AAD issuers, appid/azp).
/// </summary>
public sealed class JwtTokenValidation
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkAuthenticationOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _channelMetadata;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _emulatorMetadata;
    private readonly JsonWebTokenHandler _handler = new();

    private readonly ILogger<JwtTokenValidation> _logger;

    public JwtTokenValidation(IOptions<BotFrameworkAuthenticationOptions> options, IHttpClientFactory httpClientFactory, ILogger<JwtTokenValidation> logger)
    {
        _logger = logger;
        _options = options.Value;
        _channelMetadata = CreateMetadataManager(_options.ChannelOpenIdMetadataUrl, httpClientFactory);
        _emulatorMetadata = CreateMetadataManager(_options.EmulatorOpenIdMetadataUrl, httpClientFactory);
    }

    /// <summary>Returns the caller's identity, or throws <see cref="UnauthorizedAccessException"/> with the reason.</summary>
    public async Task<ClaimsIdentity> AuthenticateRequestAsync(Activity activity, string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (_options.IsAnonymous)
            {
                return new ClaimsIdentity();
            }
            throw new UnauthorizedAccessException("Authorization header is missing.");
        }
        if (_options.IsAnonymous)
        {
            throw new UnauthorizedAccessException("A token was sent, but the bot has no MicrosoftAppId to validate it against.");
        }
        var parts = authorizationHeader.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !_handler.CanReadToken(parts[1]))
        {
            throw new UnauthorizedAccessException("Authorization header is not a Bearer JWT.");
        }
        var token = parts[1];
        var issuer = _handler.ReadJsonWebToken(token).Issuer;
        return _options.EmulatorIssuers().Contains(issuer, StringComparer.Ordinal)
            ? await ValidateEmulatorTokenAsync(token, cancellationToken)
            : await ValidateChannelTokenAsync(token, activity, cancellationToken);
    }

    private async Task<ClaimsIdentity> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, configuration) = await ValidateAsync(token, _channelMetadata, [_options.ChannelTokenIssuer], cancellationToken);
        var identity = result.ClaimsIdentity;

        var serviceUrlClaim = identity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(serviceUrlClaim) || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnauthorizedAccessException("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        var keyId = ((JsonWebToken)result.SecurityToken).Kid;
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is not null && !string.IsNullOrEmpty(activity.ChannelId)
            && key.AdditionalData.TryGetValue("endorsements", out var endorsements)
            && !Endorses(endorsements, activity.ChannelId))
        {
            throw new UnauthorizedAccessException($"The signing key is not endorsed for channel '{activity.ChannelId}'.");
        }
        return identity;
    }

    private async Task<ClaimsIdentity> ValidateEmulatorTokenAsync(string token, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateAsync(token, _emulatorMetadata, _options.EmulatorIssuers().ToArray(), cancellationToken);
        var identity = result.ClaimsIdentity;
        var version = identity.FindFirst("ver")?.Value;
        var callerAppId = version switch
        {
            null or "1.0" => identity.FindFirst("appid")?.Value,
            "2.0" => identity.FindFirst("azp")?.Value,
            _ => throw new UnauthorizedAccessException($"Unknown token version '{version}'."),
        };
        if (!string.Equals(callerAppId, _options.MicrosoftAppId, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException("The token was not issued to this bot's app id.");
        }
        return identity;
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)> ValidateAsync(
        string token, ConfigurationManager<OpenIdConnectConfiguration> metadata, string[] issuers, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var configuration = await MetadataAsync(metadata, cancellationToken);
            var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuers = issuers,
                ValidAudience = _options.MicrosoftAppId,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidAlgorithms = AllowedAlgorithms,
                ClockSkew = _options.ClockSkew,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
            });
            if (result.IsValid)
            {
                return (result, configuration);
            }
            // New signing keys can appear at any time: refresh once when the key is unknown.
            if (attempt == 0 && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                metadata.RequestRefresh();
                continue;
            }
            throw new UnauthorizedAccessException($"The token is not valid: {result.Exception?.GetType().Name ?? "unknown reason"}.", result.Exception);
        }
    }

    /// <summary>The signing keys; when they cannot be fetched the token cannot be trusted: 401 (fail closed), and an error for the operator.</summary>
    private async Task<OpenIdConnectConfiguration> MetadataAsync(ConfigurationManager<OpenIdConnectConfiguration> metadata, CancellationToken cancellationToken)
    {
        try
        {
            return await metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(exception, "The OpenID metadata with the token signing keys could not be fetched; bearer tokens are refused until it can be");
            throw new UnauthorizedAccessException("The token's signing keys could not be fetched; the token is not accepted.", exception);
        }
    }

    private static bool Endorses(object endorsements, string channelId) => endorsements switch
    {
        IEnumerable<object> list => list.Any(e => string.Equals(e?.ToString(), channelId, StringComparison.Ordinal)),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
            array.EnumerateArray().Any(e => e.GetString() == channelId),
        _ => false,
    };

    private static ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager(string url, IHttpClientFactory httpClientFactory)
    {
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(nameof(JwtTokenValidation)))
        {
            RequireHttps = !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback,
        };
        return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
        };
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ParkingBot.Data;

namespace ParkingBot.Framework.DirectLine;

/// <summary>A token's grant: one conversation, one user, until it expires.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId);

public enum TokenCheck
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// Issues and checks Direct Line tokens: HMAC-signed JWTs carrying the conversation ("conv") and the user ("user";
/// Web Chat reads it and posts as that user). The key comes from DirectLine:Secret, or else from a random key made once
/// and kept in <see cref="SharedSecrets"/>, so tokens survive a restart and every instance accepts every instance's.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "parkingbot-directline";
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, SharedSecrets secrets)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(string.IsNullOrEmpty(_options.Secret)
            ? SharedKey(secrets, _options.SigningKeyFile)
            : HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret), "ParkingBot Direct Line tokens"u8));
    }

    public int LifetimeSeconds => _options.TokenLifetimeSeconds;

    public string Issue(DirectLineGrant grant)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(_options.TokenLifetimeSeconds),
            Subject = new ClaimsIdentity([new Claim("conv", grant.ConversationId), new Claim("user", grant.UserId)]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<(TokenCheck Check, DirectLineGrant? Grant)> CheckAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = _key,
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) => expires > _time.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid)
        {
            return (result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException ? TokenCheck.Expired : TokenCheck.Invalid, null);
        }
        return result.Claims.TryGetValue("conv", out var conversation) && result.Claims.TryGetValue("user", out var user)
            ? (TokenCheck.Valid, new DirectLineGrant((string)conversation, (string)user))
            : (TokenCheck.Invalid, null);
    }

    public bool IsSecret(string value) =>
        !string.IsNullOrEmpty(_options.Secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(_options.Secret));

    /// <summary>The shared key; the first instance sets it (to the key file of an earlier release, if there is one, so its tokens stay valid).</summary>
    private static byte[] SharedKey(SharedSecrets secrets, string earlierKeyFile)
    {
        var candidate = File.Exists(earlierKeyFile) ? File.ReadAllText(earlierKeyFile).Trim() : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return Convert.FromBase64String(secrets.GetOrAdd("directline-signing-key", candidate).Value);
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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
/// Web Chat reads it and posts as that user). The key comes from DirectLine:Secret, or else from a random key kept in
/// the data folder, so tokens survive a restart.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "parkingbot-directline";
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(string.IsNullOrEmpty(_options.Secret)
            ? StoredKey(_options.SigningKeyFile)
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

    private static byte[] StoredKey(string file)
    {
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, file);
        }
        catch (IOException)
        {
            // Another process created it first: use theirs.
            File.Delete(temporary);
        }
        return Convert.FromBase64String(File.ReadAllText(file).Trim());
    }
}

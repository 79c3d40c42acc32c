using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Infrastructure;

/// <summary>
/// Stands in for login.botframework.com and login.microsoftonline.com on loopback: it serves an OpenID
/// metadata document and a JWK set (with Bot Framework's endorsements) and signs tokens with its own key.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly LoopbackServer _server;

    private LocalIdentityProvider(LoopbackServer server) => _server = server;

    public string KeyId { get; } = "test-key-1";

    public string[] Endorsements { get; set; } = ["emulator", "directline", "webchat"];

    public string MetadataUrl => new Uri(_server.BaseAddress, "/.well-known/openidconfiguration").ToString();

    public static async Task<LocalIdentityProvider> StartAsync()
    {
        LocalIdentityProvider? provider = null;
        var server = await LoopbackServer.StartAsync(_ => { }, app =>
        {
            app.MapGet("/.well-known/openidconfiguration", (HttpContext context) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://api.botframework.com",
                ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/keys", () =>
            {
                var parameters = provider!._key.ExportParameters(false);
                return Results.Json(new
                {
                    keys = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = provider.KeyId,
                            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                            ["endorsements"] = provider.Endorsements,
                        },
                    },
                });
            });
        });
        provider = new LocalIdentityProvider(server);
        return provider;
    }

    public string CreateToken(string issuer, string audience, IDictionary<string, object> claims, DateTime? expires = null, RSA? signingKey = null)
    {
        var now = DateTime.UtcNow;
        var key = new RsaSecurityKey(signingKey ?? _key) { KeyId = KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-1),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }
}

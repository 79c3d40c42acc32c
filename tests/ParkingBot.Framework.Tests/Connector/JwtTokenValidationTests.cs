using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Connector;

public sealed class JwtTokenValidationTests : IAsyncLifetime
{
    private const string AppId = "2a7f3c1e-0000-4000-8000-00000000b07a";
    private const string ChannelIssuer = "https://api.botframework.com";
    private const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    private const string EmulatorIssuerV2 = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";
    private const string ServiceUrl = "https://directline.example.org/";

    private LocalIdentityProvider _idp = null!;

    public async Task InitializeAsync() => _idp = await LocalIdentityProvider.StartAsync();

    public async Task DisposeAsync() => await _idp.DisposeAsync();

    private JwtTokenValidation CreateValidation(string? appId = AppId, string? tenantId = null)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new JwtTokenValidation(Options.Create(new BotFrameworkAuthenticationOptions
        {
            MicrosoftAppId = appId,
            MicrosoftAppTenantId = tenantId,
            ChannelOpenIdMetadataUrl = _idp.MetadataUrl,
            EmulatorOpenIdMetadataUrl = _idp.MetadataUrl,
        }), services.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<JwtTokenValidation>.Instance);
    }

    private static Activity Incoming(string channelId = Channels.DirectLine, string serviceUrl = ServiceUrl) =>
        new() { Type = ActivityTypes.Message, ChannelId = channelId, ServiceUrl = serviceUrl, Conversation = new("c") };

    private string ChannelToken(string serviceUrl = ServiceUrl, string audience = AppId, DateTime? expires = null, RSA? key = null) =>
        _idp.CreateToken(ChannelIssuer, audience, new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, expires, key);

    [Fact]
    public async Task A_valid_channel_token_is_accepted()
    {
        var identity = await CreateValidation().AuthenticateRequestAsync(Incoming(), "Bearer " + ChannelToken(), default);

        Assert.True(identity.IsAuthenticated);
        Assert.Equal(ServiceUrl, identity.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task The_serviceurl_claim_is_compared_without_case()
    {
        var identity = await CreateValidation().AuthenticateRequestAsync(Incoming(), "Bearer " + ChannelToken(ServiceUrl.ToUpperInvariant()), default);

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted()
    {
        var identity = await CreateValidation().AuthenticateRequestAsync(Incoming(), "Bearer " + ChannelToken(expires: DateTime.UtcNow.AddMinutes(-3)), default);

        Assert.True(identity.IsAuthenticated);
    }

    public static TheoryData<string, string> RejectedChannelTokens => new()
    {
        { "expired", "expired beyond the five-minute skew" },
        { "audience", "issued for another bot" },
        { "serviceurl", "for another serviceUrl" },
        { "key", "signed with a key the metadata does not publish" },
        { "endorsement", "from a key not endorsed for the channel" },
        { "scheme", "not a Bearer token" },
        { "missing", "missing while the bot has an app id" },
    };

    [Theory]
    [MemberData(nameof(RejectedChannelTokens))]
    public async Task A_channel_token_is_rejected_when(string defect, string because)
    {
        using var otherKey = RSA.Create(2048);
        var activity = Incoming(channelId: defect == "endorsement" ? "msteams" : Channels.DirectLine);
        var header = defect switch
        {
            "expired" => "Bearer " + ChannelToken(expires: DateTime.UtcNow.AddMinutes(-6)),
            "audience" => "Bearer " + ChannelToken(audience: "another-bot"),
            "serviceurl" => "Bearer " + ChannelToken(serviceUrl: "https://evil.example.org/"),
            "key" => "Bearer " + ChannelToken(key: otherKey),
            "endorsement" => "Bearer " + ChannelToken(),
            "scheme" => "Basic dXNlcjpwYXNz",
            _ => null,
        };

        var rejection = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CreateValidation().AuthenticateRequestAsync(activity, header, default));

        Assert.False(string.IsNullOrWhiteSpace(rejection.Message), because);
    }

    [Fact]
    public async Task An_emulator_v1_token_for_this_bot_is_accepted()
    {
        var token = _idp.CreateToken(EmulatorIssuerV1, AppId, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId });

        var identity = await CreateValidation().AuthenticateRequestAsync(Incoming(Channels.Emulator, "http://localhost:5123"), "Bearer " + token, default);

        Assert.True(identity.IsAuthenticated);
    }

    [Fact]
    public async Task An_emulator_v2_token_must_name_this_bot_in_azp()
    {
        var good = _idp.CreateToken(EmulatorIssuerV2, AppId, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId });
        var bad = _idp.CreateToken(EmulatorIssuerV2, AppId, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = "someone-else" });
        var validation = CreateValidation();

        Assert.True((await validation.AuthenticateRequestAsync(Incoming(Channels.Emulator), "Bearer " + good, default)).IsAuthenticated);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => validation.AuthenticateRequestAsync(Incoming(Channels.Emulator), "Bearer " + bad, default));
    }

    [Fact]
    public async Task A_single_tenant_issuer_is_accepted_only_for_the_configured_tenant()
    {
        const string tenant = "11111111-2222-3333-4444-555555555555";
        var token = _idp.CreateToken($"https://sts.windows.net/{tenant}/", AppId, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId });

        Assert.True((await CreateValidation(tenantId: tenant).AuthenticateRequestAsync(Incoming(Channels.Emulator), "Bearer " + token, default)).IsAuthenticated);
        // Without the tenant the issuer is unknown, so it is treated as a channel token and fails.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CreateValidation().AuthenticateRequestAsync(Incoming(Channels.Emulator), "Bearer " + token, default));
    }

    [Fact]
    public async Task Without_an_app_id_no_header_is_anonymous_and_a_header_is_refused()
    {
        var validation = CreateValidation(appId: null);

        Assert.False((await validation.AuthenticateRequestAsync(Incoming(), null, default)).IsAuthenticated);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => validation.AuthenticateRequestAsync(Incoming(), "Bearer " + ChannelToken(), default));
    }

    [Fact]
    public async Task The_messages_endpoint_answers_401_for_a_bad_token_and_200_for_a_good_one()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage(), new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-here",
            ["BotFrameworkAuthentication:ChannelOpenIdMetadataUrl"] = _idp.MetadataUrl,
            ["BotFrameworkAuthentication:EmulatorOpenIdMetadataUrl"] = _idp.MetadataUrl,
        });
        using var client = bot.CreateClient();
        var message = Activities.Message("hi", channel.ServiceUrl);
        message.ChannelId = "webchat";
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        var anonymous = await client.PostActivityAsync(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(message, options: BotJson.Options),
        };
        request.Headers.Authorization = new("Bearer", ChannelToken(serviceUrl: channel.ServiceUrl));
        var authenticated = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Fact]
    public async Task When_the_signing_keys_cannot_be_fetched_a_token_gets_401_not_500()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage(), new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-here",
            // Nothing listens there.
            ["BotFrameworkAuthentication:ChannelOpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openidconfiguration",
            ["BotFrameworkAuthentication:EmulatorOpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openid-configuration",
        });
        var message = Activities.Message("hi", channel.ServiceUrl);
        message.ChannelId = "webchat";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(message, options: BotJson.Options),
        };
        request.Headers.Authorization = new("Bearer", ChannelToken(serviceUrl: channel.ServiceUrl));

        using var response = await bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signing keys", await response.Content.ReadAsStringAsync());
    }
}

using Microsoft.Extensions.Options;
using ParkingBot.Framework.DirectLine;

namespace ParkingBot.Framework.Tests.DirectLine;

public sealed class DirectLineTokensTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parkingbot-tokens-").FullName;
    private readonly Clock _clock = new() { Now = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero) };

    private DirectLineTokens Tokens(string? secret = null) => new(Options.Create(new DirectLineOptions
    {
        Secret = secret,
        TokenLifetimeSeconds = 1800,
        SigningKeyFile = Path.Combine(_folder, "directline-signing.key"),
    }), _clock);

    [Fact]
    public async Task A_token_carries_its_conversation_and_user_until_it_expires()
    {
        var tokens = Tokens();
        var token = tokens.Issue(new DirectLineGrant("conv-1", "dl_user"));

        var fresh = await tokens.CheckAsync(token);
        _clock.Now = _clock.Now.AddMinutes(31);
        var late = await tokens.CheckAsync(token);

        Assert.Equal((TokenCheck.Valid, new DirectLineGrant("conv-1", "dl_user")), fresh);
        Assert.Equal(TokenCheck.Expired, late.Check);
    }

    [Fact]
    public async Task The_signing_key_survives_a_restart_and_another_key_refuses_the_token()
    {
        var token = Tokens().Issue(new DirectLineGrant("conv-1", "dl_user"));

        var afterRestart = await Tokens().CheckAsync(token);
        var otherKey = await Tokens(secret: "another-secret").CheckAsync(token);

        Assert.Equal(TokenCheck.Valid, afterRestart.Check);
        Assert.Equal(TokenCheck.Invalid, otherKey.Check);
        Assert.Equal(TokenCheck.Invalid, (await Tokens().CheckAsync("not-a-token")).Check);
    }

    [Fact]
    public void Only_the_configured_secret_is_the_secret()
    {
        Assert.True(Tokens("s3cret").IsSecret("s3cret"));
        Assert.False(Tokens("s3cret").IsSecret("s3cret "));
        Assert.False(Tokens().IsSecret(""));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

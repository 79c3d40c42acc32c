using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.DirectLine;

namespace ParkingBot.Framework.Tests.DirectLine;

public sealed class DirectLineTokensTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parkingbot-tokens-").FullName;
    private readonly Clock _clock = new() { Now = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero) };

    private DirectLineTokens Tokens(string? secret = null, string database = "secrets.db") => new(Options.Create(new DirectLineOptions
    {
        Secret = secret,
        TokenLifetimeSeconds = 1800,
        SigningKeyFile = Path.Combine(_folder, "directline-signing.key"),
    }), _clock, new SharedSecrets(new SqliteDatabase(Path.Combine(_folder, database))));

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
    public async Task The_key_file_of_an_earlier_release_is_taken_over_so_its_tokens_stay_valid()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "directline-signing.key"), Convert.ToBase64String(new byte[32]));

        var token = Tokens(database: "one.db").Issue(new DirectLineGrant("conv-1", "dl_user"));
        var sameFileOtherStore = await Tokens(database: "two.db").CheckAsync(token);
        File.Delete(Path.Combine(_folder, "directline-signing.key"));
        var newKey = await Tokens(database: "three.db").CheckAsync(token);

        Assert.Equal(TokenCheck.Valid, sameFileOtherStore.Check);
        Assert.Equal(TokenCheck.Invalid, newKey.Check);
    }

    [Fact]
    public void Only_the_configured_secret_is_the_secret()
    {
        Assert.True(Tokens("s3cret").IsSecret("s3cret"));
        Assert.False(Tokens("s3cret").IsSecret("s3cret "));
        Assert.False(Tokens().IsSecret(""));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

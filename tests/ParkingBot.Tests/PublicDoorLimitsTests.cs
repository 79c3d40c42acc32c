using ParkingBot.Testing;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Agents;

namespace ParkingBot.Tests;

/// <summary>The limits on the public doors: page tokens per address, agent sign-in per account and per address.</summary>
public sealed class PublicDoorLimitsTests : IAsyncLifetime
{
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-limits-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("DirectLine:TokensPerMinutePerAddress", "3");
            web.UseSetting("Agents:Login:MaxFailuresPerAccount", "3");
            web.UseSetting("Agents:Login:MaxFailuresPerAddress", "6");
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
            web.UseSetting("Agents:Accounts:1:Id", "lee");
            web.UseSetting("Agents:Accounts:1:DisplayName", "이상담");
            web.UseSetting("Agents:Accounts:1:PasswordHash", AgentAccounts.Hash(Password));
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Page_tokens_beyond_the_limit_per_address_get_429_with_Retry_After()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await _http.PostAsync("/api/directline/token", null);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_agent_id_with_too_many_wrong_passwords_is_locked_even_for_the_right_one_until_the_window_ends()
    {
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add((await SignInAsync("kim", "guess-" + i)).StatusCode);
        }
        using var locked = await SignInAsync("kim", Password);
        using var otherAgent = await SignInAsync("lee", Password);
        _clock.Now += TimeSpan.FromMinutes(15);
        using var later = await SignInAsync("kim", Password);

        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalMinutes, 1, 15);
        Assert.Equal(HttpStatusCode.OK, otherAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task An_address_guessing_many_agent_ids_is_locked_for_every_id()
    {
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync($"nobody-{i}", "guess")).StatusCode);
        }

        using var locked = await SignInAsync("lee", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public void Each_failure_waits_longer_than_the_one_before_up_to_two_seconds() =>
        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000], Enumerable.Range(1, 7).Select(f => AgentLoginThrottle.Delay(f).TotalMilliseconds));

    private Task<HttpResponseMessage> SignInAsync(string id, string password) =>
        _http.PostAsJsonAsync("/api/agent/login", new { id, password });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

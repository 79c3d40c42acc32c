using ParkingBot.Testing;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Agents;

namespace ParkingBot.Tests;

/// <summary>An agent's sign-in ends on the server: at sign-out, when idle, and after its absolute lifetime.</summary>
public sealed class AgentSessionTests : IAsyncLifetime
{
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-sessions-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("Agents:Session:IdleTimeout", "00:30:00");
            web.UseSetting("Agents:Session:AbsoluteLifetime", "08:00:00");
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
        _http = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_copy_of_the_cookie_is_worthless_after_sign_out()
    {
        var cookie = await SignInAsync();
        var before = await MeAsync(cookie);

        (await SendAsync(HttpMethod.Post, "/api/agent/logout", cookie)).EnsureSuccessStatusCode();
        var after = await MeAsync(cookie);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before, after));
    }

    [Fact]
    public async Task A_session_ends_when_idle_longer_than_the_idle_timeout()
    {
        var cookie = await SignInAsync();
        _clock.Now += TimeSpan.FromMinutes(20);
        var used = await MeAsync(cookie);
        _clock.Now += TimeSpan.FromMinutes(31);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (used, await MeAsync(cookie)));
    }

    [Fact]
    public async Task A_busy_session_still_ends_after_its_absolute_lifetime()
    {
        var cookie = await SignInAsync();
        var statuses = new List<HttpStatusCode>();
        for (var quarter = 0; quarter < 36; quarter++)
        {
            _clock.Now += TimeSpan.FromMinutes(15);
            // As a browser does: the sliding cookie renewed by an answer replaces the one sent.
            using var response = await SendAsync(HttpMethod.Get, "/api/agent/me", cookie);
            statuses.Add(response.StatusCode);
            cookie = RenewedCookie(response) ?? cookie;
        }

        // 8 h of use every 15 minutes are fine; after that the session is over.
        Assert.All(statuses.Take(31), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(statuses.Skip(32), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    private async Task<string> SignInAsync() =>
        RenewedCookie((await _http.PostAsJsonAsync("/api/agent/login", new { id = "kim", password = Password })).EnsureSuccessStatusCode())!;

    private static string? RenewedCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith("parkingbot.agent=", StringComparison.Ordinal) && !c.StartsWith("parkingbot.agent=;", StringComparison.Ordinal))
                .Select(c => c.Split(';')[0]).FirstOrDefault()
            : null;

    private async Task<HttpStatusCode> MeAsync(string cookie) => (await SendAsync(HttpMethod.Get, "/api/agent/me", cookie)).StatusCode;

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return _http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

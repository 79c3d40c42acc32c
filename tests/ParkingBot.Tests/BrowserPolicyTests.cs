using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Agents;

namespace ParkingBot.Tests;

/// <summary>The browser security headers on the page, the console and the API, and agent changes refused from other sites.</summary>
public sealed class BrowserPolicyTests : IAsyncLifetime
{
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-policy-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
        });
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/", "frame-ancestors 'self'")]
    [InlineData("/chat/chat.js", "script-src 'self';")]
    [InlineData("/agent/login", "frame-ancestors 'none'")]
    [InlineData("/agent/agent.js", "frame-ancestors 'none'")]
    [InlineData("/api/agent/me", "default-src 'none'")]
    [InlineData("/healthz", "script-src 'self';")]
    public async Task Every_response_carries_the_browser_policy(string path, string policyPart)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains(policyPart, policy);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries);
        var scripts = directives.FirstOrDefault(d => d.StartsWith("script-src", StringComparison.Ordinal)) ?? directives.Single(d => d.StartsWith("default-src", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(path.StartsWith("/agent", StringComparison.Ordinal), response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY");
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task A_signed_in_agent_s_browser_cannot_be_made_to_change_a_case_from_another_site(string header, string value)
    {
        var agent = _factory.CreateClient();
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "kim", password = Password })).EnsureSuccessStatusCode();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/agent/cases/H123/claim");
        forged.Headers.Add(header, value);
        using var refused = await agent.SendAsync(forged);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/agent/cases/H123/claim");
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var allowed = await agent.SendAsync(sameOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

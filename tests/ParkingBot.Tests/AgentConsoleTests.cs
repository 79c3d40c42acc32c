using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Agents;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Tests;

/// <summary>The agent console's API over real HTTP on loopback, with the Emulator-like channel as the customer's side.</summary>
public sealed class AgentConsoleTests : IAsyncLifetime
{
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-agent-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private EmulatorChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _channel = await EmulatorChannel.StartAsync();
        var hash = AgentAccounts.Hash(Password);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("Agents:Accounts:0:Id", "agent-1");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:1:Id", "agent-2");
            web.UseSetting("Agents:Accounts:1:DisplayName", "이상담");
            web.UseSetting("Agents:Accounts:1:PasswordHash", hash);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _channel.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public static TheoryData<string, string> AgentRoutes => new()
    {
        { "POST", "/api/agent/logout" },
        { "GET", "/api/agent/me" },
        { "GET", "/api/agent/cases" },
        { "GET", "/api/agent/cases/H1" },
        { "POST", "/api/agent/cases/H1/claim" },
        { "POST", "/api/agent/cases/H1/messages" },
        { "POST", "/api/agent/cases/H1/resolve" },
        { "GET", "/api/agent/outbox" },
        { "GET", "/api/agent/events" },
    };

    [Theory]
    [MemberData(nameof(AgentRoutes))]
    public async Task Every_agent_route_needs_a_signed_in_agent(string method, string path)
    {
        using var anonymous = _factory.CreateClient();
        using var withChannelToken = _factory.CreateClient();
        withChannelToken.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJzZXJ2aWNldXJsIjoiaHR0cDovL3gifQ.c2ln");

        var plain = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { text = "x", note = "x" }) });
        var customer = await withChannelToken.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { text = "x", note = "x" }) });

        Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);
    }

    [Fact]
    public async Task The_console_page_sends_a_stranger_to_sign_in_and_a_wrong_password_is_refused()
    {
        using var client = Client(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await client.GetAsync("/agent");
        var wrong = await client.PostAsJsonAsync("/api/agent/login", new { id = "agent-1", password = "nope" });
        var unknown = await client.PostAsJsonAsync("/api/agent/login", new { id = "someone", password = Password });

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/agent/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task A_case_is_claimed_by_one_agent_relayed_both_ways_and_resolved()
    {
        using var customer = _factory.CreateClient();
        using var kim = await SignedInAsync("agent-1");
        using var lee = await SignedInAsync("agent-2");
        using var events = await OpenEventStreamAsync(kim);

        await customer.PostActivityAsync(Message("상담원 연결"));
        var opened = await _channel.WaitForAsync(2);
        Assert.Equal(("handoff.initiate", "handoff.waiting"), (opened[0].Activity.Name, opened[1].Activity.ResponseKey()));
        var caseId = opened[0].Activity.Value!["caseId"]!.GetValue<string>();
        Assert.Contains(caseId, await ReadEventAsync(events));

        var claims = await Task.WhenAll(kim.PostAsync($"/api/agent/cases/{caseId}/claim", null), lee.PostAsync($"/api/agent/cases/{caseId}/claim", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], claims.Select(c => c.StatusCode).Order());
        var (winner, loser) = claims[0].IsSuccessStatusCode ? (kim, lee) : (lee, kim);
        var joined = await _channel.WaitForAsync(2);
        Assert.Equal("handoff.status", joined[0].Activity.Name);
        Assert.Equal("handoff.agentJoined", joined[1].Activity.ResponseKey());

        await customer.PostActivityAsync(Message("주차권이 적용이 안 됐어요 010-1234-5678"));
        var seen = await (await winner.GetAsync($"/api/agent/cases/{caseId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("주차권이 적용이 안 됐어요 010-****-**78", seen.GetProperty("transcript").EnumerateArray().Last().GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await loser.GetAsync($"/api/agent/cases/{caseId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await loser.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = "제가 할게요" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = "확인해 보겠습니다." })).StatusCode);
        var agentMessage = Assert.Single(await _channel.WaitForAsync(1)).Activity;
        Assert.Equal("확인해 보겠습니다.", agentMessage.Text);
        Assert.Contains(agentMessage.From!.Name, new[] { "김상담", "이상담" });

        Assert.Equal(HttpStatusCode.BadRequest, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/resolve", new { note = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/resolve", new { note = "웹할인 적용", followUp = "적용 완료되었습니다." })).StatusCode);
        var closing = await _channel.WaitForAsync(2);
        Assert.Equal(("handoff.status", "completed"), (closing[0].Activity.Name, closing[0].Activity.Value!["state"]!.GetValue<string>()));
        Assert.Equal("closing.anythingElse", closing[1].Activity.ResponseKey());
        Assert.Equal(HttpStatusCode.Conflict, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/resolve", new { note = "again" })).StatusCode);
        var outbox = await (await winner.GetAsync("/api/agent/outbox")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("적용 완료되었습니다.", outbox[0].GetProperty("notification").GetProperty("text").GetString());
    }

    /// <summary>A real client of the loopback server, with the handler the test needs.</summary>
    private HttpClient Client(HttpMessageHandler handler) => new(handler) { BaseAddress = _factory.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private Activity Message(string text) => Activities.Message(text, _channel.ServiceUrl, "agent-test|livechat");

    private async Task<HttpClient> SignedInAsync(string agentId)
    {
        var client = Client(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true });
        (await client.PostAsJsonAsync("/api/agent/login", new { id = agentId, password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<StreamReader> OpenEventStreamAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/agent/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Contains("connected", await ReadEventAsync(reader));
        return reader;
    }

    private static async Task<string> ReadEventAsync(StreamReader events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line;
            }
        }
        return "";
    }
}

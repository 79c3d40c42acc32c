using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Agents;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Tests;

/// <summary>The agent console's API over real HTTP on loopback, with the Emulator-like channel as the customer's side.</summary>
[Trait(TestClock.Trait, TestClock.Dated)]
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
            web.UseTestClock();
            web.UseSetting("Agents:Accounts:0:Id", "agent-1");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:1:Id", "agent-2");
            web.UseSetting("Agents:Accounts:1:DisplayName", "이상담");
            web.UseSetting("Agents:Accounts:1:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:2:Id", "lead");
            web.UseSetting("Agents:Accounts:2:DisplayName", "박팀장");
            web.UseSetting("Agents:Accounts:2:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:2:Roles:0", "supervisor");
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
        { "POST", "/api/agent/cases/H1/release" },
        { "POST", "/api/agent/cases/H1/transfer" },
        { "POST", "/api/agent/cases/H1/notes" },
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
        var closing = await _channel.WaitForAsync(3);
        Assert.Equal(("handoff.status", "completed"), (closing[0].Activity.Name, closing[0].Activity.Value!["state"]!.GetValue<string>()));
        Assert.Equal(["handoff.agentFinishedWithText", "closing.anythingElse"], closing.Skip(1).Select(c => c.Activity.ResponseKey()));
        Assert.Equal(HttpStatusCode.Conflict, (await winner.PostAsJsonAsync($"/api/agent/cases/{caseId}/resolve", new { note = "again" })).StatusCode);
        var outbox = await (await winner.GetAsync("/api/agent/outbox")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("적용 완료되었습니다.", outbox[0].GetProperty("notification").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_workspace_lists_views_shows_a_case_in_korean_fills_templates_and_notes_releases_and_transfers()
    {
        using var customer = _factory.CreateClient();
        using var kim = await SignedInAsync("agent-1");
        using var lee = await SignedInAsync("agent-2");
        using var lead = await SignedInAsync("lead");
        foreach (var text in new[] { "이용하지 않은 요금 결제", "네", TestClock.Typed(-12), "네", "상담원 연결" })
        {
            await customer.PostActivityAsync(Message(text));
        }
        var caseId = _channel.Received.Last(r => r.Activity.Name == "handoff.initiate").Activity.Value!["caseId"]!.GetValue<string>();

        var listed = await kim.GetFromJsonAsync<JsonElement>("/api/agent/cases");
        var item = listed.EnumerateArray().Single(c => c.GetProperty("id").GetString() == caseId);
        Assert.Equal(("waiting", "대기", "이용하지 않은 요금 결제", "고객 요청"),
            (item.GetProperty("view").GetString(), item.GetProperty("statusLabel").GetString(), item.GetProperty("flowLabel").GetString(), item.GetProperty("reasons")[0].GetString()));

        var detail = await kim.GetFromJsonAsync<JsonElement>($"/api/agent/cases/{caseId}");
        var usage = detail.GetProperty("usage").EnumerateArray().ToDictionary(s => s.GetProperty("label").GetString()!, s => s.GetProperty("value").GetString());
        Assert.Equal(("속초 해수욕장 공영주차장", TestClock.Iso(-12), "12가3456"), (usage["주차장"], usage["이용일"], usage["차량번호"]));
        Assert.Matches(@"^[가-힣 ]+ / [가-힣 ()]+$", usage["이용 상태"]);
        Assert.Contains("'이용하지 않은 요금 결제' 문의 중", detail.GetProperty("case").GetProperty("summary").GetString());
        var labels = detail.GetProperty("usage").EnumerateArray().Concat(detail.GetProperty("slots").EnumerateArray()).Select(s => s.GetProperty("label").GetString()!).ToList();
        Assert.All(labels, label => Assert.Matches(@"^[가-힣()\s]+$", label));
        var transcript = detail.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Contains(transcript, t => t.GetProperty("buttons").EnumerateArray().Any(b => b.GetString() == "예"));
        Assert.All(transcript, t => Assert.True(t.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
        var filled = detail.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("text").GetString()!).ToList();
        Assert.Contains(filled, t => t.StartsWith($"{TestClock.Iso(-12)} 속초 해수욕장 공영주차장 이용 건, 차량번호 12가3456", StringComparison.Ordinal));
        Assert.Contains(filled, t => Regex.IsMatch(t, @"^\d+원 결제 건"));
        Assert.DoesNotContain(filled, t => t.Contains('{'));

        Assert.Equal(HttpStatusCode.OK, (await kim.PostAsJsonAsync($"/api/agent/cases/{caseId}/notes", new { text = "카드사 확인 필요" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kim.PostAsync($"/api/agent/cases/{caseId}/claim", null)).StatusCode);
        Assert.Equal("mine", (await kim.GetFromJsonAsync<JsonElement>("/api/agent/cases")).EnumerateArray().Single(c => c.GetProperty("id").GetString() == caseId).GetProperty("view").GetString());
        Assert.DoesNotContain((await lee.GetFromJsonAsync<JsonElement>("/api/agent/cases")).EnumerateArray(), c => c.GetProperty("id").GetString() == caseId);
        Assert.Equal("others", (await lead.GetFromJsonAsync<JsonElement>("/api/agent/cases")).EnumerateArray().Single(c => c.GetProperty("id").GetString() == caseId).GetProperty("view").GetString());
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/agent/cases/{caseId}")).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await kim.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await kim.PostAsJsonAsync($"/api/agent/cases/{caseId}/notes", new { text = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kim.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "agent-2" })).StatusCode);
        var atLee = await lee.GetFromJsonAsync<JsonElement>($"/api/agent/cases/{caseId}");
        Assert.Equal(("mine", "이상담", "카드사 확인 필요"), (atLee.GetProperty("case").GetProperty("view").GetString(), atLee.GetProperty("case").GetProperty("agentName").GetString(),
            atLee.GetProperty("notes")[0].GetProperty("text").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await kim.GetAsync($"/api/agent/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lee.PostAsync($"/api/agent/cases/{caseId}/release", null)).StatusCode);
        Assert.Equal("waiting", (await kim.GetFromJsonAsync<JsonElement>("/api/agent/cases")).EnumerateArray().Single(c => c.GetProperty("id").GetString() == caseId).GetProperty("view").GetString());
        var me = await lead.GetFromJsonAsync<JsonElement>("/api/agent/me");
        Assert.Equal((true, 300, 3), (me.GetProperty("supervisor").GetBoolean(), me.GetProperty("waitTargetSeconds").GetInt32(), me.GetProperty("agents").GetArrayLength()));
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
        // A generous wait: the suite shares two cores (this is a wait, not a speed check).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Agents;
using ParkingBot.Testing;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>The supervisor view's API over real HTTP: the report of what customers did, its CSV, the designers' list.</summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public sealed class SupervisorViewTests : IAsyncLifetime
{
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-supervisor-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private static string Today => TestClock.Iso(0);

    public Task InitializeAsync()
    {
        var hash = AgentAccounts.Hash(Password);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("Agents:Accounts:0:Id", "lead");
            web.UseSetting("Agents:Accounts:0:DisplayName", "박팀장");
            web.UseSetting("Agents:Accounts:0:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:0:Roles:0", "supervisor");
            web.UseSetting("Agents:Accounts:1:Id", "agent-2");
            web.UseSetting("Agents:Accounts:1:DisplayName", "이상담");
            web.UseSetting("Agents:Accounts:1:PasswordHash", hash);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_supervisor_reads_the_period_s_outcomes_as_json_and_csv_an_agent_may_not()
    {
        using var bot = _factory.CreateClient();
        var informed = new Conversation("supervisor-1|livechat");
        foreach (var text in new[] { "주차권 결제 시점", "강남역 공영주차장", "아니오", "2", "010-1234-5678로 전화 주세요" })
        {
            await informed.SayAsync(bot, text);
        }
        var lost = new Conversation("supervisor-2|livechat");
        await lost.SayAsync(bot, "오늘 날씨 좋네요 010-9876-5432");
        await lost.SayAsync(bot, "오늘  날씨 좋네요 010-9876-5432");
        using var lead = await SignedInAsync("lead");
        using var agent = await SignedInAsync("agent-2");

        var me = await lead.GetFromJsonAsync<JsonElement>("/api/agent/me");
        var json = await lead.GetFromJsonAsync<JsonElement>($"/api/agent/supervisor/report?from={Today}&to={Today}");
        var csv = await lead.GetAsync($"/api/agent/supervisor/report.csv?from={Today}&to={Today}");
        var notUnderstood = await lead.GetFromJsonAsync<JsonElement>($"/api/agent/supervisor/not-understood?from={Today}&to={Today}");
        var clu = await lead.GetFromJsonAsync<JsonElement>($"/api/agent/supervisor/not-understood.clu.json?from={Today}&to={Today}");

        Assert.True(me.GetProperty("supervisor").GetBoolean());
        var report = json.GetProperty("report");
        var flow = report.GetProperty("flows").GetProperty("TicketPaymentTiming");
        Assert.Equal(2, report.GetProperty("conversations").GetInt32());
        Assert.Equal((1, 1, 1, 2.0), (flow.GetProperty("endings").GetProperty("Informed").GetInt32(), flow.GetProperty("verified").GetInt32(),
            flow.GetProperty("csatCount").GetInt32(), flow.GetProperty("csatAverage").GetDouble()));
        Assert.Equal("주차권 결제 시점", json.GetProperty("labels").GetProperty("flows").GetProperty("TicketPaymentTiming").GetString());
        Assert.Equal("응답 없음(이탈)", json.GetProperty("labels").GetProperty("endings").GetProperty("Abandoned").GetString());
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
        Assert.Contains("ending,TicketPaymentTiming,Informed,1", (await csv.Content.ReadAsStringAsync()).Split('\n'));
        var message = Assert.Single(notUnderstood.EnumerateArray());
        Assert.Equal(2, message.GetProperty("count").GetInt32());
        Assert.DoesNotContain("9876-5432", message.GetProperty("text").GetString());
        Assert.Contains("날씨 좋네요 010-****-**32", message.GetProperty("text").GetString());
        var utterance = Assert.Single(clu.GetProperty("assets").GetProperty("utterances").EnumerateArray());
        Assert.Equal((message.GetProperty("text").GetString(), "None", "ko-kr"),
            (utterance.GetProperty("text").GetString(), utterance.GetProperty("intent").GetString(), utterance.GetProperty("language").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/agent/supervisor/report?from={Today}&to={Today}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/agent/supervisor")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync($"/api/agent/supervisor/report.csv?from={Today}&to={Today}")).StatusCode);
    }

    [Fact]
    public async Task A_period_that_is_not_two_days_in_order_is_a_bad_request_with_the_reason()
    {
        using var lead = await SignedInAsync("lead");

        var missing = await lead.GetAsync("/api/agent/supervisor/report?from=2026-11-01");
        var backwards = await lead.GetAsync("/api/agent/supervisor/report.csv?from=2026-11-30&to=2026-11-01");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (missing.StatusCode, backwards.StatusCode));
        Assert.Contains("yyyy-MM-dd", await missing.Content.ReadAsStringAsync());
        Assert.Contains("must not be before", await backwards.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> SignedInAsync(string agentId)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = _factory.ClientOptions.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        (await client.PostAsJsonAsync("/api/agent/login", new { id = agentId, password = Password })).EnsureSuccessStatusCode();
        return client;
    }
}

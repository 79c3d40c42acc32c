using ParkingBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ParkingBot.Agents;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>The embedded Direct Line over real HTTP and WebSocket on loopback, as DirectLineJS and Web Chat use it.</summary>
public sealed class DirectLineTests : IAsyncLifetime
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private const string Secret = "test-directline-secret";
    private const string Password = "correct-horse-7";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-directline-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("DirectLine:Secret", Secret);
            web.UseSetting("DirectLine:PostsPerMinute", "8");
            web.UseSetting("DirectLine:MaxUploadBytes", "100000");
            web.UseSetting("Agents:Accounts:0:Id", "agent-1");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string? Key(JsonNode? activity) => activity?["channelData"]?["responseKey"]?.GetValue<string>();

    [Fact]
    public async Task Start_welcomes_and_a_second_start_with_the_same_token_returns_the_same_conversation()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);

        var first = await customer.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        var again = await customer.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        var (activities, watermark) = await customer.ActivitiesAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var started = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(customer.ConversationId, started["conversationId"]!.GetValue<string>());
        Assert.StartsWith("ws://127.0.0.1:", started["streamUrl"]!.GetValue<string>());
        Assert.StartsWith("dl_", customer.UserId);
        var welcome = Assert.Single(activities);
        Assert.Equal(("welcome", "bot", "1"), (Key(welcome), welcome!["from"]!["role"]!.GetValue<string>(), watermark));
    }

    [Fact]
    public async Task A_post_is_stamped_bound_to_the_token_user_echoed_and_answered_and_the_watermark_pages()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        var (_, afterWelcome) = await customer.ActivitiesAsync();

        var response = await customer.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = "주차권 결제 시점",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["name"] = "고객" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = "client-1" },
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var (activities, watermark) = await customer.ActivitiesAsync(afterWelcome);
        var (nothingNew, sameWatermark) = await customer.ActivitiesAsync(watermark);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, activities.Count);
        var echo = activities[0]!;
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.StartsWith(customer.ConversationId + "|", id);
        Assert.Equal((customer.UserId, "user", "client-1"), (echo["from"]!["id"]!.GetValue<string>(), echo["from"]!["role"]!.GetValue<string>(), echo["channelData"]!["clientActivityID"]!.GetValue<string>()));
        Assert.Equal(customer.ConversationId, echo["conversation"]!["id"]!.GetValue<string>());
        Assert.NotNull(echo["timestamp"]);
        var reply = activities[1]!;
        Assert.Equal(("paymentTiming.askLot", id), (Key(reply), reply["replyToId"]!.GetValue<string>()));
        Assert.Empty(nothingNew);
        Assert.Equal(watermark, sameWatermark);
    }

    [Fact]
    public async Task The_stream_replays_then_carries_the_echo_typing_and_the_reply()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        var streamUrl = (await customer.StartAsync())["streamUrl"]!.GetValue<string>();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        var replayed = await ReceiveActivitiesAsync(socket, 1);
        await customer.SayAsync("주차권 결제 시점");
        var live = await ReceiveActivitiesAsync(socket, 3);

        Assert.Equal("welcome", Key(replayed[0]));
        Assert.Equal(["message", "typing", "message"], live.Select(a => a!["type"]!.GetValue<string>()));
        Assert.Equal(("user", "paymentTiming.askLot"), (live[0]!["from"]!["role"]!.GetValue<string>(), Key(live[2])));
    }

    [Fact]
    public async Task Tokens_open_only_their_own_conversation_and_bad_or_missing_credentials_are_refused()
    {
        var one = await DirectLineClient.FromPageTokenAsync(_http);
        var other = await DirectLineClient.FromPageTokenAsync(_http);
        await one.StartAsync();
        var hello = new JsonObject { ["type"] = "message", ["text"] = "안녕하세요" };

        var crossed = await other.PostAsync(hello, conversationId: one.ConversationId);
        var crossedRead = await other.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{one.ConversationId}/activities");
        var forged = await one.PostAsync(hello, token: one.Token[..^4] + "AAAA");
        var anonymous = await _http.PostAsJsonAsync($"/v3/directline/conversations/{one.ConversationId}/activities", hello);
        var (activities, _) = await one.ActivitiesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossedRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Forbidden", (await crossed.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Single(activities);
    }

    [Fact]
    public async Task Refresh_gives_a_working_token_for_the_same_conversation_and_only_the_secret_generates()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();

        var refreshed = (await (await customer.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh")).Content.ReadFromJsonAsync<JsonObject>())!;
        var withRefreshed = await customer.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{customer.ConversationId}/activities", token: refreshed["token"]!.GetValue<string>());
        var bySecret = await customer.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token: Secret);
        var byToken = await customer.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate");

        Assert.Equal(customer.ConversationId, refreshed["conversationId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, withRefreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySecret.StatusCode);
        Assert.NotEqual(customer.ConversationId, (await bySecret.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
    }

    [Fact]
    public async Task Oversized_malformed_typeless_and_attachment_carrying_posts_are_refused_and_nothing_is_logged()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        var path = $"/v3/directline/conversations/{customer.ConversationId}/activities";

        var huge = await customer.PostAsync(new JsonObject { ["type"] = "message", ["text"] = new string('가', 100_000) });
        var malformed = await customer.SendAsync(HttpMethod.Post, path, new StringContent("{\"type\": \"message\", ", Encoding.UTF8, "application/json"));
        var typeless = await customer.PostAsync(new JsonObject { ["text"] = "안녕" });
        var linked = await customer.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "https://elsewhere.example/x.png" }),
        });
        var (activities, _) = await customer.ActivitiesAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, typeless.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        Assert.Equal("MissingProperty", (await typeless.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Single(activities);
    }

    [Fact]
    public async Task Posting_faster_than_the_limit_gets_429_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        // The limit counts posts per calendar minute: a burst that straddles a minute starts over with a new customer.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var customer = await DirectLineClient.FromPageTokenAsync(_http);
            await customer.StartAsync();
            var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
            statuses.Clear();
            for (var i = 0; i < 9; i++)
            {
                last = await customer.PostAsync(new JsonObject { ["type"] = "event", ["name"] = "ping" });
                statuses.Add(last.StatusCode);
            }
            if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 == minute)
            {
                break;
            }
        }

        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(int.Parse(last!.Headers.GetValues("Retry-After").Single()), 1, 60);
    }

    [Fact]
    public async Task An_upload_is_stored_given_to_the_bot_and_served_to_members_and_agents_only()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        var stranger = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        var (_, afterWelcome) = await customer.ActivitiesAsync();

        var response = await customer.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{customer.ConversationId}/upload?userId={customer.UserId}",
            DirectLineClient.Upload("영수증입니다", ("영수증.png", "image/png", Png)));
        var (activities, _) = await customer.ActivitiesAsync(afterWelcome);
        var attachment = activities[0]!["attachments"]![0]!;
        var url = new Uri(attachment["contentUrl"]!.GetValue<string>()).PathAndQuery;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("image/png", "영수증.png", "영수증입니다"), (attachment["contentType"]!.GetValue<string>(), attachment["name"]!.GetValue<string>(), activities[0]!["text"]!.GetValue<string>()));
        var mine = await customer.SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(Png, await mine.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Get, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(url)).StatusCode);
        using var agent = await SignedInAgentAsync();
        Assert.Equal(Png, await agent.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task A_posted_attachment_whose_link_is_not_a_web_address_is_refused_and_not_logged()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        var (before, _) = await customer.ActivitiesAsync();

        using var response = await customer.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = customer.UserId },
            ["attachments"] = new JsonArray(new JsonObject { ["name"] = "영수증", ["contentType"] = "image/png", ["contentUrl"] = "javascript:alert(1)" }),
        });
        var (after, _) = await customer.ActivitiesAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task Uploads_over_the_limit_of_a_refused_type_or_with_bytes_that_lie_are_refused_and_nothing_is_stored()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        var path = $"/v3/directline/conversations/{customer.ConversationId}/upload?userId={customer.UserId}";
        var bigPng = Png.Concat(new byte[150_000]).ToArray();

        var tooBig = await customer.SendAsync(HttpMethod.Post, path, DirectLineClient.Upload("", ("big.png", "image/png", bigPng)));
        var text = await customer.SendAsync(HttpMethod.Post, path, DirectLineClient.Upload("", ("notes.txt", "text/plain", "hello"u8.ToArray())));
        var disguised = await customer.SendAsync(HttpMethod.Post, path, DirectLineClient.Upload("", ("photo.png", "image/png", "MZ\x90\0 not an image"u8.ToArray())));
        var second = await customer.SendAsync(HttpMethod.Post, path, DirectLineClient.Upload("", ("ok.png", "image/png", Png), ("bad.txt", "text/plain", "x"u8.ToArray())));
        var (activities, _) = await customer.ActivitiesAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, second.StatusCode);
        Assert.Single(activities);
        await using var database = await _factory.Services.GetRequiredService<ParkingBot.Data.StoreDatabases>().For("directline.db").OpenAsync();
        Assert.Equal(0, await ParkingBot.Data.Sql.ScalarAsync<long>(database, null, "SELECT COUNT(*) FROM dl_files", []));
    }

    [Fact]
    public async Task An_agent_who_takes_the_case_reaches_the_Direct_Line_customer_with_their_name()
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        await customer.SayAsync("상담원 연결");
        using var agent = await SignedInAgentAsync();
        var cases = (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!;
        var caseId = cases.Single()!["id"]!.GetValue<string>();

        (await agent.PostAsync($"/api/agent/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = "영수증 확인해 드릴게요." })).EnsureSuccessStatusCode();
        var (activities, _) = await customer.ActivitiesAsync();

        var fromAgent = activities.Last()!;
        Assert.Equal(("영수증 확인해 드릴게요.", "김상담", "bot"),
            (fromAgent["text"]!.GetValue<string>(), fromAgent["from"]!["name"]!.GetValue<string>(), fromAgent["from"]!["role"]!.GetValue<string>()));
        Assert.Equal("김상담", fromAgent["channelData"]!["agentName"]!.GetValue<string>());
    }

    private async Task<HttpClient> SignedInAgentAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = _http.BaseAddress,
        };
        (await client.PostAsJsonAsync("/api/agent/login", new { id = "agent-1", password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<List<JsonNode?>> ReceiveActivitiesAsync(WebSocket socket, int count)
    {
        var activities = new List<JsonNode?>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        while (activities.Count < count)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (message.Length > 0)
            {
                activities.AddRange(JsonNode.Parse(message.ToArray())!["activities"]!.AsArray().Select(a => a?.DeepClone()));
            }
        }
        return activities;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Store;
using ParkingBot.Testing;

namespace ParkingBot.Tests;

/// <summary>
/// The KakaoTalk skill on a real host: SkillPayloads in Open Builder's shape, the same turn runner and dialogs as every
/// channel, Kakao's limits and 5-second deadline (a loopback server plays Kakao's callback URL).
/// </summary>
public sealed class KakaoSkillTests : IAsyncDisposable
{
    private const string Key = "test-skill-key-0123456789";
    private const string BotId = "kakao-bot-1";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-kakao-").FullName;
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly ConcurrentQueue<JsonObject> _callbacks = new();

    private HttpClient Start(params (string Key, string Value)[] settings) => Start(slowTurns: false, settings);

    /// <param name="slowTurns">Every turn takes 600 ms more than Kakao:TurnBudget (100 ms): the slow backend that forces a callback.</param>
    private HttpClient Start(bool slowTurns, params (string Key, string Value)[] settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            if (slowTurns)
            {
                web.UseSetting("Kakao:TurnBudget", "00:00:00.100");
                web.ConfigureServices(services => services.AddSingleton<ParkingBot.Framework.Builder.IMiddleware, SlowTurns>());
            }
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("Kakao:SkillKey", Key);
            web.UseSetting("Kakao:BotId", BotId);
            web.UseSetting("Kakao:CallbackHosts:0", "127.0.0.1");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(0);
        factory.StartServer();
        _hosts.Add(factory);
        Services = factory.Services;
        return factory.CreateClient();
    }

    private IServiceProvider Services { get; set; } = null!;

    private static JsonObject Payload(string utterance, string user = "kakao-user-1", string bot = BotId, string? callbackUrl = null, JsonObject? extra = null) => new()
    {
        ["intent"] = new JsonObject { ["id"] = "fallback", ["name"] = "폴백 블록" },
        ["userRequest"] = new JsonObject
        {
            ["timezone"] = "Asia/Seoul",
            ["block"] = new JsonObject { ["id"] = "fallback", ["name"] = "폴백 블록" },
            ["utterance"] = utterance,
            ["lang"] = "ko",
            ["params"] = new JsonObject { ["surface"] = "Kakaotalk.plusfriend" },
            ["user"] = new JsonObject { ["id"] = user, ["type"] = "botUserKey", ["properties"] = new JsonObject { ["plusfriendUserKey"] = "pf-" + user } },
            ["callbackUrl"] = callbackUrl,
        },
        ["bot"] = new JsonObject { ["id"] = bot, ["name"] = "ParkingBot" },
        ["action"] = new JsonObject { ["id"] = "skill", ["name"] = "parkingbot", ["params"] = new JsonObject(), ["detailParams"] = new JsonObject(), ["clientExtra"] = extra ?? new JsonObject() },
        ["contexts"] = new JsonArray(),
    };

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SayAsync(HttpClient http, JsonObject payload, string key = Key)
    {
        using var response = await http.PostAsJsonAsync($"/api/kakao/skill/{key}", payload);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static IEnumerable<string> Texts(JsonObject response) =>
        response["template"]!["outputs"]!.AsArray().Select(o => o!["simpleText"]?["text"]?.GetValue<string>() ?? o!["textCard"]?["description"]?.GetValue<string>() ?? "");

    private static IEnumerable<string> QuickReplies(JsonObject response) =>
        response["template"]!["quickReplies"]?.AsArray().Select(q => q!["messageText"]!.GetValue<string>()) ?? [];

    /// <summary>Whether the response says what the response script says for <paramref name="key"/> (any variant; its text up to the first placeholder).</summary>
    private bool Said(JsonObject response, ResponseKey key)
    {
        var scripts = Services.GetRequiredService<ResponseScripts>();
        var shown = string.Join("\n", Texts(response));
        return scripts.Variants[key.Name].Any(variant => shown.Contains(variant.Split('{')[0].Split('\n')[0].Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_walks_a_flow_in_KakaoTalk_and_the_state_is_theirs()
    {
        var http = Start();

        var (status, asked) = await SayAsync(http, Payload("주차권 결제 시점"));
        var (_, answered) = await SayAsync(http, Payload("강남역 공영주차장"));
        var (_, other) = await SayAsync(http, Payload("주차권 결제 시점", user: "kakao-user-2"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2.0", asked["version"]!.GetValue<string>());
        Assert.True(Said(asked, ResponseKeys.PaymentTimingAskLot), string.Join(" / ", Texts(asked)));
        Assert.True(Said(answered, ResponseKeys.PaymentTimingAtExit), string.Join(" / ", Texts(answered)));
        Assert.NotEmpty(QuickReplies(answered));
        // Another KakaoTalk user has a conversation of their own: asked for the lot again, not answered from the first one's.
        Assert.True(Said(other, ResponseKeys.PaymentTimingAskLot));
        var state = await Services.GetRequiredService<IStorage>().ReadAsync(["kakao/conversations/kakao-user-1"]);
        Assert.Single(state);
    }

    [Fact]
    public async Task An_agent_request_hands_the_customer_to_KakaoTalks_own_chat_and_the_case_says_so()
    {
        const string password = "correct-horse-7";
        var http = Start(("Agents:Accounts:0:Id", "agent-1"), ("Agents:Accounts:0:DisplayName", "김상담"),
            ("Agents:Accounts:0:PasswordHash", ParkingBot.Agents.AgentAccounts.Hash(password)));

        await SayAsync(http, Payload("주차권 결제 시점"));
        var (_, handedOver) = await SayAsync(http, Payload("상담원 연결해 주세요"));
        using var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = http.BaseAddress };
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "agent-1", password })).EnsureSuccessStatusCode();
        var open = await Services.GetRequiredService<IHandoffCaseStore>().FindOpenAsync("kakao", "kakao-user-1");
        var claimed = await agent.PostAsync($"/api/agent/cases/{open!.Case.Id}/claim", null);
        var reply = await agent.PostAsJsonAsync($"/api/agent/cases/{open.Case.Id}/messages", new { text = "확인해 드릴게요." });
        var resolved = await agent.PostAsJsonAsync($"/api/agent/cases/{open.Case.Id}/resolve", new { note = "카카오톡 상담 채팅에서 안내 완료" });

        var buttons = handedOver["template"]!["outputs"]!.AsArray().SelectMany(o => o!["textCard"]?["buttons"]?.AsArray() ?? []).ToList();
        Assert.Contains(buttons, b => b!["action"]!.GetValue<string>() == "operator");
        Assert.True(open.Case.RepliesInChannelChat);
        Assert.Equal("kakao-user-1", open.Case.Conversation.User!.Id);
        // The case carries the conversation so far: the customer's words before the handover.
        Assert.Contains(open.Case.Transcript, line => line.Text == "주차권 결제 시점");
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
    }

    [Fact]
    public async Task A_receipt_sent_with_the_image_plugin_is_fetched_from_Kakao_only_checked_and_kept_on_the_case()
    {
        var elsewhere = 0;
        await using var cdn = await LoopbackServer.StartAsync(_ => { }, app =>
        {
            app.MapGet("/img/receipt.png", () => Results.Bytes(DirectLineTests.Png, "image/png"));
            app.MapGet("/img/not-an-image.png", () => Results.Bytes("MZ\x90\0 a program"u8.ToArray(), "image/png"));
        });
        await using var other = await LoopbackServer.StartAsync(_ => { }, app => app.MapGet("/x.png", () =>
        {
            Interlocked.Increment(ref elsewhere);
            return Results.Bytes(DirectLineTests.Png, "image/png");
        }));
        const string password = "correct-horse-8";
        var http = Start(("Kakao:ImageHosts:0", "127.0.0.1"), ("Agents:Accounts:0:Id", "agent-1"), ("Agents:Accounts:0:DisplayName", "김상담"),
            ("Agents:Accounts:0:PasswordHash", ParkingBot.Agents.AgentAccounts.Hash(password)));
        // The plugin's parameter as Open Builder sends it: JSON in a string, the secure URLs in Kakao's List(…) form.
        var cdnBase = cdn.BaseAddress.ToString().TrimEnd('/');
        var notKakao = new Uri(other.BaseAddress, "/x.png").ToString().Replace("127.0.0.1", "localhost");
        var photo = Payload("사진 전송", user: "season-user");
        photo["action"]!["params"] = new JsonObject
        {
            ["secureimage"] = $$"""{"privacyAgreement":"Y","imageQuantity":"3","secureUrls":"List({{cdnBase}}/img/receipt.png, {{cdnBase}}/img/not-an-image.png, {{notKakao}})"}""",
        };

        foreach (var said in new[] { "정기권 미적용", "네", "아니요 이미 나왔어요", "네 만이천원 냈어요" })
        {
            await SayAsync(http, Payload(said, user: "season-user"));
        }
        var (status, answered) = await SayAsync(http, photo);

        Assert.Equal(HttpStatusCode.OK, status);
        var open = await Services.GetRequiredService<IHandoffCaseStore>().FindOpenAsync("kakao", "season-user");
        Assert.True(open is not null, string.Join(" / ", Texts(answered)));
        var receipt = Assert.Single(open!.Case.Attachments);
        Assert.Equal(("kakao-image-1.png", "image/png"), (receipt.Name, receipt.ContentType));
        Assert.Equal(0, elsewhere);
        using var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = http.BaseAddress };
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "agent-1", password })).EnsureSuccessStatusCode();
        Assert.Equal(DirectLineTests.Png, await agent.GetByteArrayAsync(new Uri(receipt.Url).PathAndQuery));
        using var stranger = new HttpClient { BaseAddress = http.BaseAddress };
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync(new Uri(receipt.Url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_bots_and_payloads_are_refused_with_a_reason_and_run_nothing()
    {
        var http = Start();
        using var badJson = await http.PostAsync($"/api/kakao/skill/{Key}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var noUser = Payload("안녕하세요");
        noUser["userRequest"]!.AsObject().Remove("user");
        var noUtterance = Payload("안녕하세요");
        noUtterance["userRequest"]!.AsObject().Remove("utterance");
        using var headerKey = new HttpRequestMessage(HttpMethod.Post, "/api/kakao/skill") { Content = JsonContent.Create(Payload("주차권 결제 시점", user: "by-header")) };
        headerKey.Headers.Add(KakaoSkillService.KeyHeader, Key);
        using var wrongHeader = new HttpRequestMessage(HttpMethod.Post, "/api/kakao/skill") { Content = JsonContent.Create(Payload("주차권 결제 시점")) };
        wrongHeader.Headers.Add(KakaoSkillService.KeyHeader, "nope");
        using var huge = await http.PostAsJsonAsync($"/api/kakao/skill/{Key}", Payload(new string('가', 70_000)));

        Assert.Equal(HttpStatusCode.Forbidden, (await SayAsync(http, Payload("주차권 결제 시점"), key: "wrong-key")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SayAsync(http, Payload("주차권 결제 시점", bot: "someone-else"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrongHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        var (noUserStatus, noUserBody) = await SayAsync(http, noUser);
        Assert.Equal((HttpStatusCode.BadRequest, "userRequest.user.id (the botUserKey) is missing."), (noUserStatus, noUserBody["error"]!["message"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await SayAsync(http, noUtterance)).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Empty(await Services.GetRequiredService<IStorage>().ReadAsync(["kakao/conversations/kakao-user-1"]));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(headerKey)).StatusCode);
    }

    [Fact]
    public async Task A_slow_turn_is_answered_with_useCallback_and_its_final_response_is_posted_once()
    {
        await using var kakao = await LoopbackServer.StartAsync(_ => { }, app => app.MapPost("/callback/{id}", async (HttpContext context) =>
        {
            _callbacks.Enqueue((await context.Request.ReadFromJsonAsync<JsonObject>())!);
            return Results.Ok(new { taskId = "t1", status = "SUCCESS" });
        }));
        var http = Start(slowTurns: true);

        var (status, first) = await SayAsync(http, Payload("주차권 결제 시점", callbackUrl: new Uri(kakao.BaseAddress, "/callback/1").ToString()));
        await Eventually(() => !_callbacks.IsEmpty);
        // The sweep finds nothing more to post, and a second pass of the poster neither.
        var poster = Services.GetRequiredService<KakaoCallbacks>();
        await poster.PostReadyAsync(null, CancellationToken.None);
        await poster.ExpireAsync(CancellationToken.None);
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(first["useCallback"]!.GetValue<bool>());
        Assert.Equal(Services.GetRequiredService<ResponseScripts>().Text(ResponseKeys.KakaoWaiting), first["data"]!["text"]!.GetValue<string>());
        var posted = Assert.Single(_callbacks);
        Assert.Equal("2.0", posted["version"]!.GetValue<string>());
        Assert.True(Said(posted, ResponseKeys.PaymentTimingAskLot), string.Join(" / ", Texts(posted)));
    }

    [Fact]
    public async Task A_callback_whose_time_ran_out_is_not_posted_and_its_replies_wait_for_the_next_message()
    {
        await using var kakao = await LoopbackServer.StartAsync(_ => { }, app => app.MapPost("/callback/{id}", (HttpContext context) =>
        {
            _callbacks.Enqueue(new JsonObject());
            return Results.Ok();
        }));
        var http = Start(slowTurns: true, ("Kakao:CallbackWindow", "00:00:00.200"));

        await SayAsync(http, Payload("주차권 결제 시점", callbackUrl: new Uri(kakao.BaseAddress, "/callback/1").ToString()));
        var outbox = Services.GetRequiredService<KakaoOutbox>();
        JsonObject? shown = null;
        await Eventually(async () =>
        {
            var (_, more) = await SayAsync(http, Payload("더 보기", extra: new JsonObject { [KakaoRenderer.MoreMarker] = true }));
            shown = more;
            return Said(more, ResponseKeys.PaymentTimingAskLot);
        });

        Assert.Empty(_callbacks);
        Assert.Empty(await outbox.TakeAsync("kakao-user-1"));
        Assert.NotNull(shown);
    }

    [Fact]
    public async Task Without_a_usable_callback_a_slow_turn_says_it_is_still_working_and_nothing_is_lost()
    {
        var http = Start(slowTurns: true);

        // No callbackUrl, then one on a host that is not Kakao's: neither is used.
        var (_, first) = await SayAsync(http, Payload("주차권 결제 시점"));
        var (_, second) = await SayAsync(http, Payload("강남역 공영주차장", callbackUrl: "https://attacker.example.com/collect"));
        // Both slow turns end in the background; what they said waits and is shown when the customer asks for more.
        var shown = new List<JsonObject> { second };
        await Eventually(async () =>
        {
            var (_, more) = await SayAsync(http, Payload("더 보기", extra: new JsonObject { [KakaoRenderer.MoreMarker] = true }));
            shown.Add(more);
            return Said(more, ResponseKeys.PaymentTimingAtExit);
        });

        Assert.True(Said(first, ResponseKeys.KakaoStillWorking));
        Assert.Null(second["useCallback"]);
        Assert.Contains(shown, response => Said(response, ResponseKeys.PaymentTimingAskLot));
        Assert.Equal(1, shown.Count(response => Said(response, ResponseKeys.PaymentTimingAskLot)));
    }

    /// <summary>A backend slower than Kakao's deadline allows: every turn (but a 'more', which runs none) takes 700 ms.</summary>
    private sealed class SlowTurns : ParkingBot.Framework.Builder.IMiddleware
    {
        public async Task OnTurnAsync(ParkingBot.Framework.Builder.ITurnContext turnContext, ParkingBot.Framework.Builder.NextDelegate next, CancellationToken cancellationToken)
        {
            await Task.Delay(700, cancellationToken);
            await next(cancellationToken);
        }
    }

    private static async Task Eventually(Func<bool> condition) => await Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 50)
        {
            Assert.True(waited < 15_000, "not within 15 s");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

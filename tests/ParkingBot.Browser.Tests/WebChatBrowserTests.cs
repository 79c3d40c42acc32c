using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ParkingBot.Agents;
using ParkingBot.Testing;

namespace ParkingBot.Browser.Tests;

/// <summary>A customer uses the page at / in real Chromium: the official Web Chat bundle over the embedded Direct Line.</summary>
public sealed class WebChatBrowserTests : IAsyncLifetime
{
    private const string Password = "browser-test-42";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-webchat-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    /// <summary>What Chromium reported the Content-Security-Policy blocked on any page of the test.</summary>
    private readonly List<string> _policyViolations = [];

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _baseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await (await context.NewPageAsync()).OnTestClockAsync();
        WatchedPage.Watch(page, _policyViolations);
        await page.GotoAsync(_baseUrl + "/");
        return page;
    }

    private static ILocator Transcript(IPage page) => page.Locator("#webchat");

    /// <summary>A button of the suggested-actions bar under the transcript (Korean UI: "제안된 작업").</summary>
    private static ILocator SuggestedAction(IPage page, string title) =>
        page.GetByRole(AriaRole.Toolbar, new PageGetByRoleOptions { Name = "제안된 작업" }).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title });

    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    [Fact]
    public async Task A_customer_runs_TicketPaymentTiming_with_suggested_actions_and_a_reload_continues_the_conversation()
    {
        // A phone-width screen.
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await OpenAsync(context);

        await Assertions.Expect(Transcript(page)).ToContainTextAsync("주차 고객센터 챗봇입니다");
        await SuggestedAction(page, "주차권 결제 시점").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("주차장 이름을 말씀해 주시겠어요");
        await SayAsync(page, "강남역 공영주차장");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("강남역 공영주차장의 경우 출차 시 주차권 결제를 합니다");
        await Assertions.Expect(SuggestedAction(page, "아니오").Or(SuggestedAction(page, "아니요")).First).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen");

        await page.ReloadAsync();

        await Assertions.Expect(Transcript(page)).ToContainTextAsync("출차 시 주차권 결제를 합니다");
        await SayAsync(page, "아니요 괜찮아요");
        // The rating, tapped as a suggested action; the comment skipped with its button.
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("오늘 상담은 어떠셨나요");
        await SuggestedAction(page, "5점").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("소중한 평가 감사합니다");
        await SuggestedAction(page, "건너뛰기").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("문의해 주셔서 감사합니다");
        // Nothing said twice after the reload (Web Chat also keeps a screen-reader copy of each message, outside the bubbles).
        Assert.Equal(1, await page.Locator(".webchat__bubble__content", new PageLocatorOptions { HasText = "주차 고객센터 챗봇입니다" }).CountAsync());
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task A_receipt_uploaded_in_SeasonPassNotApplied_is_on_the_handoff_case_for_the_agent()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR" });
        var page = await OpenAsync(context);
        var receipt = Path.Combine(_dataDirectory, "현장결제영수증.png");
        await File.WriteAllBytesAsync(receipt, Png);

        await SuggestedAction(page, "정기권 미적용").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("본인");
        await SayAsync(page, "네");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("바로 출차하실 예정");
        await SayAsync(page, "아니요");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("현장");
        await SayAsync(page, "네 현장에서 결제했어요");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("사진으로 첨부");
        await page.Locator("#webchat input[type=file]").SetInputFilesAsync(receipt);
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("첨부해 주셔서 감사합니다");

        // The customer sees plainly that they wait, where they stand, and the 상담 취소 button; their photo shows as a thumbnail.
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("상담원 연결을 기다리는 중");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("대기 순서는 1번째");
        await Assertions.Expect(SuggestedAction(page, "상담 취소")).ToBeVisibleAsync();
        var thumbnail = page.Locator(".webchat__bubble--from-user img").First;
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the thumbnail did not load");

        // A second photo sent while waiting reaches the case too.
        var second = Path.Combine(_dataDirectory, "주차권구매내역.png");
        await File.WriteAllBytesAsync(second, Png);
        await page.Locator("#webchat input[type=file]").SetInputFilesAsync(second);
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("조금만 더 기다려 주세요");

        using var agent = await AgentAsync();
        var summary = (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!.Single()!;
        var caseId = summary["id"]!.GetValue<string>();
        var handoffCase = (await agent.GetFromJsonAsync<JsonObject>($"/api/agent/cases/{caseId}"))!;
        var attachments = handoffCase["attachments"]!.AsArray();
        Assert.Equal(["현장결제영수증.png", "주차권구매내역.png"], attachments.Select(a => a!["name"]!.GetValue<string>()));
        Assert.Contains("첨부 확인 필요", handoffCase["case"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(Png, await agent.GetByteArrayAsync(attachments[0]!["url"]!.GetValue<string>()));

        // Leaving asks first, and says the review goes on; the case stays for agents as a follow-up.
        await SuggestedAction(page, "상담 취소").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("대기를 그만두시겠어요");
        await SuggestedAction(page, "예").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("담당부서에서 계속 진행하고");
        var kept = (await agent.GetFromJsonAsync<JsonObject>($"/api/agent/cases/{caseId}"))!;
        Assert.Equal("FollowUp", kept["case"]!["status"]!.GetValue<string>());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "chat-waiting-desktop.png"), FullPage = true });
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task A_waiting_customer_meets_the_agent_as_a_person_and_hears_when_the_agent_is_done()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await OpenAsync(context);
        await SayAsync(page, "상담원 연결");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("대기 순서는 1번째");
        await Assertions.Expect(SuggestedAction(page, "상담 취소")).ToBeVisibleAsync();

        using var agent = await AgentAsync();
        var caseId = (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!.Single()!["id"]!.GetValue<string>();
        (await agent.PostAsync($"/api/agent/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("김상담 상담원입니다");
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = "안녕하세요, 무엇을 도와드릴까요?" })).EnsureSuccessStatusCode();

        // The agent's message: their own avatar (not the bot's), their name above it, a screen-reader label naming them.
        var message = page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "김상담 상담원의 메시지" });
        await Assertions.Expect(message).ToContainTextAsync("무엇을 도와드릴까요");
        await Assertions.Expect(message.Locator(".agent-name")).ToHaveTextAsync("김상담 상담원");
        // Web Chat hides avatars from screen readers (the group's label names the agent); on screen the agent's initial, not the bot's.
        await Assertions.Expect(message.Locator(".agent-avatar")).ToHaveTextAsync("김");
        Assert.Equal("김상담 상담원", await message.Locator(".agent-avatar").GetAttributeAsync("aria-label"));
        Assert.Equal(0, await page.Locator(".agent-message", new PageLocatorOptions { HasText = "챗봇입니다" }).CountAsync());

        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/resolve", new { note = "안내 완료", followUp = "안내드린 내용입니다." })).EnsureSuccessStatusCode();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("상담원과의 상담이 끝났어요");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("문자로도 보내드립니다");
        await Assertions.Expect(SuggestedAction(page, "예")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "chat-agent-phone.png"), FullPage = true });
        Assert.Empty(_policyViolations);
    }

    [Fact]
    public async Task A_file_the_channel_refuses_is_not_sent_and_the_customer_reads_why()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR" });
        var page = await OpenAsync(context);
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("주차 고객센터 챗봇입니다");
        var input = page.Locator("#webchat input[type=file]");
        Assert.Equal("image/jpeg,image/png,image/gif,image/webp,application/pdf", await input.GetAttributeAsync("accept"));
        var text = Path.Combine(_dataDirectory, "메모.txt");
        await File.WriteAllTextAsync(text, "영수증 대신 메모");

        await input.SetInputFilesAsync(text);

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("'메모.txt' 파일은 보낼 수 없는 형식이에요");
        Assert.Equal(0, await page.Locator(".webchat__bubble--from-user").CountAsync());

        var large = Path.Combine(_dataDirectory, "큰사진.png");
        await File.WriteAllBytesAsync(large, [.. Png, .. new byte[5 * 1024 * 1024]]);
        await input.SetInputFilesAsync(large);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("파일이 너무 커요");
        Assert.Equal(0, await page.Locator(".webchat__bubble--from-user").CountAsync());

        // A PDF goes, and its name reads white on the customer's blue bubble.
        var pdf = Path.Combine(_dataDirectory, "이용내역.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        await input.SetInputFilesAsync(pdf);
        var name = page.Locator(".webchat__bubble--from-user .webchat__fileContent__fileName");
        await Assertions.Expect(name).ToHaveTextAsync("이용내역.pdf");
        // (Web Chat replaces the sending bubble with the channel's echo: the check waits for the bubble that stays.)
        await Assertions.Expect(name).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
    }

    [Fact]
    public async Task Scripts_keep_their_lines_and_lists_and_korean_wraps_between_words_at_phone_width()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await OpenAsync(context);
        await SayAsync(page, "도움말");
        var help = page.Locator(".webchat__bubble__content", new PageLocatorOptions { HasText = "아래 문의를 바로 확인해 드릴 수 있어요" });
        await Assertions.Expect(help).ToBeVisibleAsync();

        await Assertions.Expect(help.Locator("li")).ToHaveCountAsync(4);
        await Assertions.Expect(help.Locator("li").First).ToHaveTextAsync("주차권 적용 안 됨 / 주차권 결제 시점");
        // Where the browser wrapped the last paragraph's lines: every break falls between words.
        var wrapped = await help.EvaluateAsync<string[]>("""
            bubble => {
              const paragraph = [...bubble.querySelectorAll('p')].find(p => p.textContent.includes('불편하신 점을'));
              const text = paragraph.firstChild;
              const range = document.createRange();
              const lines = [];
              let top = null;
              for (let i = 0; i < text.length; i++) {
                range.setStart(text, i); range.setEnd(text, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (top === null || rect.top > top + 2) lines.push(i);
                top = rect.top;
              }
              return lines.map((start, n) => text.data.slice(start, n + 1 < lines.length ? lines[n + 1] : text.length));
            }
            """);
        Assert.True(wrapped.Length >= 2, $"the paragraph took {wrapped.Length} line: the test needs it wrapped");
        var paragraphText = string.Concat(wrapped);
        var at = 0;
        foreach (var line in wrapped.SkipLast(1))
        {
            at += line.Length;
            Assert.True(char.IsWhiteSpace(paragraphText[at - 1]) || char.IsWhiteSpace(paragraphText[at]) || !char.IsLetter(paragraphText[at - 1]),
                $"a line breaks inside a word: '{line}' | '{paragraphText[at..Math.Min(paragraphText.Length, at + 6)]}'");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "chat-help-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_banner_says_when_the_connection_drops_and_when_it_is_back()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR" });
        var page = await OpenAsync(context);
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("주차 고객센터 챗봇입니다");
        await Assertions.Expect(page.Locator("#status")).ToBeHiddenAsync();

        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("#status.problem")).ToContainTextAsync("연결이 끊어졌어요");
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#status.notice")).ToContainTextAsync("다시 연결되었어요");
    }

    private async Task<HttpClient> AgentAsync()
    {
        var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(_baseUrl) };
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "kim", password = Password })).EnsureSuccessStatusCode();
        return agent;
    }
}

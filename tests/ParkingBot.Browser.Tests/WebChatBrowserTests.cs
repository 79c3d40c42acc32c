using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ParkingBot.Agents;

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
        var page = await context.NewPageAsync();
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

        using var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(_baseUrl) };
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "kim", password = Password })).EnsureSuccessStatusCode();
        var summary = (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!.Single()!;
        var handoffCase = (await agent.GetFromJsonAsync<JsonObject>($"/api/agent/cases/{summary["id"]!.GetValue<string>()}"))!;
        var attachment = handoffCase["attachments"]!.AsArray().Single()!;

        Assert.Equal(("현장결제영수증.png", "image/png"), (attachment["name"]!.GetValue<string>(), attachment["contentType"]!.GetValue<string>()));
        Assert.Contains("AttachmentReview", handoffCase["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(Png, await agent.GetByteArrayAsync(attachment["url"]!.GetValue<string>()));
    }
}

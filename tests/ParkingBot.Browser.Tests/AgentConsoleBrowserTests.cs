using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ParkingBot.Agents;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Browser.Tests;

/// <summary>An agent uses the console in real Chromium: sign in, see a case arrive live, claim, reply, resolve.</summary>
public sealed class AgentConsoleBrowserTests : IAsyncLifetime
{
    private const string Password = "browser-test-42";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-browser-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private EmulatorChannel _channel = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _channel = await EmulatorChannel.StartAsync();
        var hash = AgentAccounts.Hash(Password);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", hash);
            web.UseSetting("Agents:Accounts:0:Roles:0", "supervisor");
            web.UseSetting("Agents:Accounts:1:Id", "lee");
            web.UseSetting("Agents:Accounts:1:DisplayName", "이상담");
            web.UseSetting("Agents:Accounts:1:PasswordHash", hash);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        await _channel.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task An_agent_signs_in_sees_a_case_arrive_live_claims_it_replies_and_resolves()
    {
        var baseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var page = await (await _browser.NewPageAsync(new BrowserNewPageOptions { Locale = "ko-KR" })).OnTestClockAsync();
        var policyViolations = new List<string>();
        WatchedPage.Watch(page, policyViolations);

        await page.GotoAsync(baseUrl + "/agent");
        Assert.EndsWith("/agent/login?ReturnUrl=%2Fagent", page.Url);
        await WatchedPage.SignInAsync(page, "kim", Password, baseUrl + "/agent");
        await page.Locator("#live.on").WaitForAsync();
        await Assertions.Expect(page.Locator("#cases")).ToContainTextAsync("대기 중인 상담이 없습니다");
        await Assertions.Expect(page.Locator("#count-waiting")).ToHaveTextAsync("0");

        // A customer asks for a person while the console is open: the case appears without a reload.
        using var customer = new HttpClient { BaseAddress = new Uri(baseUrl) };
        await customer.PostActivityAsync(Activities.Message("주차권 결제 시점", _channel.ServiceUrl, "browser|livechat"));
        await customer.PostActivityAsync(Activities.Message("상담원 연결", _channel.ServiceUrl, "browser|livechat"));
        var item = page.Locator("#cases li", new PageLocatorOptions { HasText = "상담원 연결을 요청" });
        await item.WaitForAsync();

        await item.ClickAsync();
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("상담원 연결");
        await page.ClickAsync("#claim");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("상담 중");

        await page.FillAsync("#reply-text", "안녕하세요, 김상담입니다. 무엇을 도와드릴까요?");
        await page.ClickAsync("#reply button");
        await Assertions.Expect(page.Locator("#transcript li.Agent")).ToContainTextAsync("김상담입니다");

        await page.FillAsync("#resolve-note", "결제 시점 안내 완료");
        await page.FillAsync("#resolve-followup", "안내드린 내용 문자로 보내드립니다.");
        await page.ClickAsync("#resolve button");
        await page.ClickAsync("#confirm-yes");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("종료");
        await Assertions.Expect(page.Locator("#reply")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#outbox")).ToContainTextAsync("안내드린 내용 문자로 보내드립니다.");

        var toCustomer = _channel.Received.Select(r => r.Activity).ToList();
        Assert.Contains(toCustomer, a => a.Text == "안녕하세요, 김상담입니다. 무엇을 도와드릴까요?" && a.From?.Name == "김상담");
        Assert.Contains(toCustomer, a => a.Name == "handoff.status" && a.Value?["state"]?.GetValue<string>() == "completed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "agent-console.png"), FullPage = true });
        // The sign-in page and the console ran under their Content-Security-Policy without anything blocked.
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task An_agent_works_a_case_by_keyboard_with_the_receipt_labels_a_template_a_note_and_a_confirmation_and_transfers_another()
    {
        var baseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var customer = new HttpClient { BaseAddress = new Uri(baseUrl) };
        // The customer asks for a person in the middle of an inquiry, then sends a receipt while waiting.
        foreach (var text in new[] { "이용하지 않은 요금 결제", "네", TestClock.Typed(-12), "네", "상담원 연결" })
        {
            await customer.PostActivityAsync(Activities.Message(text, _channel.ServiceUrl, "keyboard|livechat"));
        }
        var receipt = Activities.Message("", _channel.ServiceUrl, "keyboard|livechat");
        receipt.Text = null;
        receipt.Attachments = [new Attachment { Name = "영수증.png", ContentType = "image/png", ContentUrl = baseUrl + "/favicon.svg" }];
        await customer.PostActivityAsync(receipt);

        var page = await (await _browser.NewPageAsync(new BrowserNewPageOptions { Locale = "ko-KR", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } })).OnTestClockAsync();
        var policyViolations = new List<string>();
        WatchedPage.Watch(page, policyViolations);
        await page.GotoAsync(baseUrl + "/agent");
        await WatchedPage.SignInAsync(page, "kim", Password, baseUrl + "/agent");
        await Assertions.Expect(page.Locator("#count-waiting")).ToHaveTextAsync("1");
        await Assertions.Expect(page).ToHaveTitleAsync("(1) 주차 상담 콘솔");

        // Keyboard only: Alt+1 to the list, ↓ and Enter to open, Alt+S to claim, the template and Ctrl+Enter to reply.
        await page.Keyboard.PressAsync("Alt+1");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("이용하지 않은 요금 결제 · 대기");
        var detail = page.Locator("#detail");
        await Assertions.Expect(page.Locator("#case-usage")).ToContainTextAsync("속초 해수욕장 공영주차장");
        await Assertions.Expect(page.Locator("#case-reasons")).ToContainTextAsync("고객 요청");
        await Assertions.Expect(page.Locator("#case-attachments img[alt='영수증.png']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#transcript li.Customer time").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{1,2}:\d{2}"));
        await Assertions.Expect(page.Locator("#transcript .chip", new PageLocatorOptions { HasText = "예" }).First).ToBeVisibleAsync();
        var shown = await detail.InnerTextAsync();
        Assert.DoesNotMatch(@"\b(CustomerRequest|OutboundCall|AttachmentReview|Refund|BotFailure|Queued|Assigned|usageId|usageDate|carNumber|passStatus|seasonPassId|[a-z]+[A-Z][A-Za-z]+)\b", shown);

        await page.Keyboard.PressAsync("Alt+s");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("상담 중");
        await Assertions.Expect(page.Locator("#reply-text")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#count-mine")).ToHaveTextAsync("1");
        await page.SelectOptionAsync("#template", new SelectOptionValue { Label = "이용 건 확인" });
        await Assertions.Expect(page.Locator("#reply-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{TestClock.Iso(-12)} 속초 해수욕장 공영주차장 이용 건, 차량번호 12가3456"));
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#transcript li.Agent")).ToContainTextAsync("차량번호 12가3456 기준으로 확인하고 있습니다");
        await _channel.WaitUntilReceivedAsync(r => r.Activity.Text?.StartsWith($"{TestClock.Iso(-12)} 속초 해수욕장 공영주차장 이용 건", StringComparison.Ordinal) == true);

        await page.FocusAsync("#note-text");
        await page.Keyboard.TypeAsync("카드사 승인 취소 확인 필요");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("김상담");
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("카드사 승인 취소 확인 필요");
        Assert.DoesNotContain(_channel.Received, r => r.Activity.Text?.Contains("카드사 승인") == true);

        // Enter in the resolve field only asks; going back leaves the case open; confirming closes it.
        await page.Keyboard.PressAsync("Alt+e");
        await Assertions.Expect(page.Locator("#resolve-note")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("이용 내역 안내");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#confirm-resolve")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("상담 중");
        await page.Keyboard.PressAsync("Alt+e");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#confirm-resolve")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#confirm-yes")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("종료");
        await Assertions.Expect(page.Locator("#count-closed")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#count-mine")).ToHaveTextAsync("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-desktop.png"), FullPage = true });

        // A second case, claimed and handed to another agent: it leaves this agent's list.
        await customer.PostActivityAsync(Activities.Message("상담원 연결", _channel.ServiceUrl, "transfer|livechat"));
        await Assertions.Expect(page.Locator("#count-waiting")).ToHaveTextAsync("1");
        await page.ClickAsync("#view-waiting");
        await page.ClickAsync("#cases [role=option]");
        await page.ClickAsync("#claim");
        await Assertions.Expect(page.Locator("#transfer")).ToBeVisibleAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.SelectOptionAsync("#transfer-to", "lee");
        await page.ClickAsync("#transfer button");
        await Assertions.Expect(page.Locator("#view-others")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#count-mine")).ToHaveTextAsync("0");
        await _channel.WaitUntilReceivedAsync(r => r.Activity.Text?.Contains("이상담 상담원입니다") == true);

        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-phone.png"), FullPage = true });
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task A_supervisor_opens_the_outcome_report_sees_the_charts_drawn_and_downloads_the_csv()
    {
        var baseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var customer = new HttpClient { BaseAddress = new Uri(baseUrl) };
        foreach (var text in new[] { "주차권 결제 시점", "강남역 공영주차장", "아니오", "5", "친절했어요" })
        {
            await customer.PostActivityAsync(Activities.Message(text, _channel.ServiceUrl, "report-1|livechat"));
        }
        foreach (var text in new[] { "이용하지 않은 요금 결제", "그만할래요" })
        {
            await customer.PostActivityAsync(Activities.Message(text, _channel.ServiceUrl, "report-2|livechat"));
        }
        var page = await (await _browser.NewPageAsync(new BrowserNewPageOptions { Locale = "ko-KR", AcceptDownloads = true })).OnTestClockAsync();
        var policyViolations = new List<string>();
        WatchedPage.Watch(page, policyViolations);

        await page.GotoAsync(baseUrl + "/agent");
        await WatchedPage.SignInAsync(page, "kim", Password, baseUrl + "/agent");
        await page.ClickAsync("#supervisor-link");
        await Assertions.Expect(page.Locator("#conversations")).ToHaveTextAsync("2");

        await Assertions.Expect(page.Locator("#endings-chart rect[data-part]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#endings-chart rect[data-part=Informed]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#csat-chart rect[data-part='5']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#flows")).ToContainTextAsync("주차권 결제 시점");
        await Assertions.Expect(page.Locator("#containment")).ToHaveTextAsync("50.0%");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("ending,TicketPaymentTiming,Informed,1", csv.Split('\n'));
        Assert.Contains("ending,UnusedCharge,Cancelled,1", csv.Split('\n'));
        Assert.EndsWith(".csv", download.SuggestedFilename);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "supervisor-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "supervisor-phone.png"), FullPage = true });
        Assert.Empty(policyViolations);
    }
}

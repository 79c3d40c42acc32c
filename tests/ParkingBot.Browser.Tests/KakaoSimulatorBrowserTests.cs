using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ParkingBot.Agents;
using ParkingBot.Testing;

namespace ParkingBot.Browser.Tests;

/// <summary>A designer tries a flow in the KakaoTalk simulator in real Chromium: sign in, talk, tap a quick reply.</summary>
public sealed class KakaoSimulatorBrowserTests : IAsyncLifetime
{
    private const string Password = "browser-test-43";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-kakao-browser-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The simulator is a designer's tool: Development only (no Kakao:SkillKey needed there).
            web.UseEnvironment("Development");
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseTestClock();
            web.UseSetting("Agents:Accounts:0:Id", "kim");
            web.UseSetting("Agents:Accounts:0:DisplayName", "김상담");
            web.UseSetting("Agents:Accounts:0:PasswordHash", AgentAccounts.Hash(Password));
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_designer_signs_in_walks_a_flow_and_taps_a_quick_reply()
    {
        var baseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var page = await (await _browser.NewPageAsync(new BrowserNewPageOptions { Locale = "ko-KR" })).OnTestClockAsync();
        var policyViolations = new List<string>();
        WatchedPage.Watch(page, policyViolations);

        await page.GotoAsync(baseUrl + "/kakao");
        Assert.Contains("/agent/login?ReturnUrl=%2Fkakao", page.Url);
        await WatchedPage.SignInAsync(page, "kim", Password, baseUrl + "/kakao");

        await page.FillAsync("#utterance", "주차권 결제 시점");
        await page.ClickAsync("#say button");
        await Assertions.Expect(page.Locator("#chat li.bot").First).ToBeVisibleAsync();
        var botBubbles = await page.Locator("#chat li.bot").CountAsync();
        await page.FillAsync("#utterance", "강남역 공영주차장");
        await page.ClickAsync("#say button");
        var chip = page.Locator("#quick-replies button").Last;
        await chip.WaitForAsync();
        var chipText = await chip.TextContentAsync();
        Assert.True(await page.Locator("#chat li.bot").CountAsync() > botBubbles);
        await chip.ClickAsync();

        // The tapped quick reply is sent as the customer's message and answered.
        await Assertions.Expect(page.Locator("#chat li.customer").Last).ToHaveTextAsync(chipText!);
        await Assertions.Expect(page.Locator("#raw")).ToContainTextAsync("\"version\": \"2.0\"");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "kakao-simulator.png"), FullPage = true });
        Assert.Empty(policyViolations);
        // The simulator's conversation is its own, under the signed-in agent's id, never a KakaoTalk customer's.
        await using var state = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "parkingbot.db")}");
        await state.OpenAsync();
        await using var keys = state.CreateCommand();
        keys.CommandText = "SELECT key FROM items WHERE key LIKE 'kakao/conversations/%'";
        await using var reader = await keys.ExecuteReaderAsync();
        var conversations = new List<string>();
        while (await reader.ReadAsync())
        {
            conversations.Add(reader.GetString(0));
        }
        Assert.Single(conversations);
        Assert.StartsWith("kakao/conversations/simulator-kim-", conversations[0]);
    }
}

using Microsoft.Playwright;

namespace ParkingBot.Cluster.Tests;

/// <summary>The official Web Chat in real Chromium, talking to the cluster through the round-robin proxy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebChatOnClusterTests(LocalCluster cluster) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task A_customer_whose_requests_are_spread_over_the_instances_sees_every_reply_once_in_order()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var transcript = page.Locator("#webchat");
        var served = cluster.Served.Count;

        await page.GotoAsync(cluster.ProxyAddress + "");
        await Assertions.Expect(transcript).ToContainTextAsync("주차 고객센터 챗봇입니다");
        await SayAsync(page, "주차권 결제 시점");
        await Assertions.Expect(transcript).ToContainTextAsync("주차장 이름을 말씀해 주시겠어요");
        await SayAsync(page, "강남역 공영주차장");
        await Assertions.Expect(transcript).ToContainTextAsync("출차 시 주차권 결제를 합니다");
        await SayAsync(page, "아니요 괜찮아요");
        await Assertions.Expect(transcript).ToContainTextAsync("오늘 상담은 어떠셨나요");
        await SayAsync(page, "건너뛰기");
        await Assertions.Expect(transcript).ToContainTextAsync("문의해 주셔서 감사합니다");

        var posts = cluster.Served.Skip(served).Where(s => s.Request.StartsWith("POST /v3/directline/conversations/", StringComparison.Ordinal)).Select(s => s.Instance).ToList();
        Assert.True(posts.Distinct().Count() >= 2, $"the page's posts all went to {string.Join(",", posts.Distinct())}");
        var bubbles = await page.Locator(".webchat__bubble__content").AllInnerTextsAsync();
        var order = new[] { "주차 고객센터 챗봇입니다", "주차권 결제 시점", "주차장 이름을 말씀해 주시겠어요", "강남역 공영주차장", "출차 시 주차권 결제를 합니다", "아니요 괜찮아요",
                "오늘 상담은 어떠셨나요", "건너뛰기", "문의해 주셔서 감사합니다" }
            .Select(text => bubbles.ToList().FindIndex(b => b.Contains(text, StringComparison.Ordinal))).ToList();
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain(-1, order);
        Assert.Equal(bubbles.Count, bubbles.Distinct().Count());
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

using Microsoft.Playwright;

namespace ParkingBot.Browser.Tests;

/// <summary>A page with generous waits (the suite shares two cores; these are waits, not speed checks) that records Content-Security-Policy violations.</summary>
public static class WatchedPage
{
    public static void Watch(IPage page, List<string> policyViolations)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>Signs in on the agent sign-in page the browser was sent to, and waits for the page it returns to.</summary>
    public static async Task SignInAsync(IPage page, string agentId, string password, string returnsTo)
    {
        await page.FillAsync("#agent-id", agentId);
        await page.FillAsync("#agent-password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(returnsTo, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}

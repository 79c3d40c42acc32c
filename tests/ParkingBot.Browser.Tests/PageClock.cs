using Microsoft.Playwright;
using ParkingBot.Testing;

namespace ParkingBot.Browser.Tests;

/// <summary>
/// A page whose clock is the test clock, as the bot under test's is: Web Chat stamps messages with the page's time
/// (localTimestamp) and the supervisor view picks its default days from it, so the browser must live on the bot's day.
/// </summary>
public static class PageClock
{
    public static async Task<IPage> OnTestClockAsync(this IPage page)
    {
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = TestClock.Running.UtcDateTime });
        return page;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace ParkingBot.Testing;

/// <summary>
/// Starts a bot under test on the test clock (its <c>Clock:Offset</c> setting: the test clock's distance from the system's),
/// so its seed days are the test's and instances started one after the other agree on the time.
/// </summary>
public static class TestClockHosting
{
    public const string Setting = "Clock:Offset";

    public static string Offset => TestClock.Offset.ToString("c", CultureInfo.InvariantCulture);

    public static IWebHostBuilder UseTestClock(this IWebHostBuilder web) => web.UseSetting(Setting, Offset);
}

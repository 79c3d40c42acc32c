using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace ParkingBot.Testing;

/// <summary>Starts a bot under test on the test clock (its <c>Clock:StartAt</c> setting), so its seed days are the test's.</summary>
public static class TestClockHosting
{
    public const string Setting = "Clock:StartAt";

    public static string StartAt => TestClock.Running.ToString("o", CultureInfo.InvariantCulture);

    public static IWebHostBuilder UseTestClock(this IWebHostBuilder web) => web.UseSetting(Setting, StartAt);
}

using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>The day tokens of the test files and the test clock's moment, across month, year and leap-day boundaries.</summary>
public class TestClockTests
{
    [Theory]
    [InlineData("2027-01-01", "{{d-1}}", "2026-12-31")]
    [InlineData("2028-03-01", "{{d-1}}", "2028-02-29")]
    [InlineData("2027-03-01", "{{d-1|M월 d일}}", "2월 28일")]
    [InlineData("2026-11-20", "{{d-400|yyyy년 M월 d일}}", "2025년 10월 16일")]
    [InlineData("2027-12-31", "{{d+1|yy.M.d}}까지", "28.1.1까지")]
    [InlineData("2026-11-20", "{{d}} · {{d-4|d일}}이요 · {{d-2|M/d}}", "2026-11-20 · 16일이요 · 11/18")]
    [InlineData("2026-11-20", "{d-1} and {{x-1}} stay", "{d-1} and {{x-1}} stay")]
    public void A_day_token_is_the_day_counted_from_today_in_the_format_after_the_bar(string today, string text, string expected) =>
        Assert.Equal(expected, TestClock.Expand(text, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_moment_needs_its_offset_and_its_day_is_the_day_in_Korea()
    {
        Assert.Equal(TestClock.Default, TestClock.Read(null));
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 15, 5, 0, TimeSpan.Zero), TestClock.Read("2026-11-20T00:05+09:00"));
        Assert.Throws<FormatException>(() => TestClock.Read("2026-11-20T00:05"));
        Assert.Throws<FormatException>(() => TestClock.Read("어제"));
    }
}

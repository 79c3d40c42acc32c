using Microsoft.Extensions.Configuration;
using ParkingBot.Hosting;

namespace ParkingBot.Tests;

/// <summary>Clock:StartAt starts the bot's clock at a chosen moment, from which it runs on at the real pace; Clock:Offset shifts it.</summary>
public class ShiftedClockTests
{
    private static IConfiguration Settings(string? startAt, string? offset = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:StartAt"] = startAt, ["Clock:Offset"] = offset }).Build();

    [Fact]
    public async Task The_clock_starts_at_the_moment_given_and_runs_on()
    {
        var startAt = new DateTimeOffset(2027, 12, 31, 23, 50, 0, TimeSpan.FromHours(9));
        var clock = ShiftedClock.From(Settings("2027-12-31T23:50+09:00"));

        var first = clock.GetUtcNow();
        await Task.Delay(20);
        var later = clock.GetUtcNow();

        Assert.InRange(first, startAt, startAt.AddMinutes(1));
        Assert.True(later > first);
    }

    [Fact]
    public void Clocks_given_one_offset_are_shifted_by_exactly_it_whenever_they_were_made()
    {
        var first = Assert.IsType<ShiftedClock>(ShiftedClock.From(Settings(null, "-17.02:30:00")));
        Thread.Sleep(50);
        var second = Assert.IsType<ShiftedClock>(ShiftedClock.From(Settings("2027-12-31T23:50+09:00", "-17.02:30:00")));

        Assert.Equal(-new TimeSpan(17, 2, 30, 0), first.Offset);
        Assert.Equal(first.Offset, second.Offset);
        Assert.Throws<InvalidOperationException>(() => ShiftedClock.From(Settings(null, "어제")));
    }

    [Fact]
    public void Without_the_setting_the_clock_is_the_system_s() =>
        Assert.Same(TimeProvider.System, ShiftedClock.From(Settings(null)));

    [Theory]
    [InlineData("2027-12-31T23:50")]
    [InlineData("2027-12-31 23:50+09:00")]
    [InlineData("내일")]
    public void A_moment_without_its_offset_stops_the_start(string value) =>
        Assert.Contains(value, Assert.Throws<InvalidOperationException>(() => ShiftedClock.From(Settings(value))).Message);
}

using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Parking.Model;

namespace ParkingBot.Dialogs.Tests.Flows;

/// <summary>Which of a day's usages the customer means by when it began, how it shows and what it cost.</summary>
public class UsageNarrowingTests
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    private static Usage At(string id, int hour, int minute, UsageStatus status = UsageStatus.InUse, long amount = 0) => new()
    {
        Id = id, CustomerId = "c", LotId = "lot", CarNumber = "12가3456", Date = new DateOnly(2026, 11, 20),
        EntryAt = new DateTimeOffset(2026, 11, 20, hour, minute, 0, Korea), Status = status, Amount = amount,
    };

    private static readonly Usage Ticket = At("ticket", 10, 12, UsageStatus.Reserved);
    private static readonly Usage Pass = At("pass", 11, 20);
    private static readonly Usage Other = At("other", 9, 40);
    private static readonly Usage Cancelled = At("cancelled", 13, 0, UsageStatus.CancelledByCustomer);

    private static string[] Narrow(UsageHints hints, params Usage[] usages) => [.. UsageNarrowing.Narrow(usages, hints).Select(u => u.Id)];

    private static DateTime Time(int hour, int minute) => new(2026, 11, 20, hour, minute, 0);

    [Fact]
    public void A_time_said_roughly_keeps_the_usage_that_began_near_it()
    {
        Assert.Equal(["pass"], Narrow(new UsageHints(Time(11, 30), [], null), Ticket, Pass, Other));
        Assert.Equal(["pass"], Narrow(new UsageHints(Time(11, 0), [], null), Ticket, Pass));
    }

    [Fact]
    public void A_time_near_two_usages_keeps_both_and_one_near_none_keeps_all()
    {
        Assert.Equal(["ticket", "pass"], Narrow(new UsageHints(Time(10, 45), [], null), Ticket, Pass));
        Assert.Equal(["ticket", "pass", "other"], Narrow(new UsageHints(Time(18, 0), [], null), Ticket, Pass, Other));
    }

    [Fact]
    public void A_status_said_keeps_the_usages_that_show_it()
    {
        Assert.Equal(["pass", "other"], Narrow(new UsageHints(null, [UsageStatus.InUse], null), Ticket, Pass, Other));
        Assert.Equal(["cancelled"], Narrow(new UsageHints(null, [UsageStatus.CancelledByCustomer], 0), Pass, Cancelled));
    }

    [Fact]
    public void Hints_add_up_and_one_no_usage_holds_is_set_aside()
    {
        Assert.Equal(["pass"], Narrow(new UsageHints(Time(11, 30), [UsageStatus.InUse], null), Ticket, Pass, Other));
        Assert.Equal(["pass"], Narrow(new UsageHints(Time(11, 30), [UsageStatus.Outstanding], 99_000), Ticket, Pass, Other));
    }

    [Fact]
    public void No_hint_narrows_nothing()
    {
        Assert.False(new UsageHints(null, [], null).Any);
        Assert.Equal(["ticket", "pass"], Narrow(new UsageHints(null, [], null), Ticket, Pass));
    }
}

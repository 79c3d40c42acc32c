using ParkingBot.Framework.Builder;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Builder;

/// <summary>The conversation lock several instances share: two lock objects on one database stand for two processes.</summary>
public sealed class PostgresConversationLockTests
{
    [Fact]
    public async Task Turns_of_one_conversation_on_two_instances_never_overlap()
    {
        var (one, two) = TwoInstances();
        IConversationLock[] instances = [one, two];
        var inside = 0;
        var mostInside = 0;
        var turns = 0;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using (await instances[i % 2].AcquireAsync("directline/c1", CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                await Task.Yield();
                var read = turns;
                await Task.Delay(1);
                turns = read + 1;
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal((1, 40), (mostInside, turns));
    }

    [Fact]
    public async Task Other_conversations_are_not_held_up_and_a_released_lock_is_taken_again()
    {
        var (one, two) = TwoInstances();

        var first = await one.AcquireAsync("directline/c1", CancellationToken.None);
        await using (await two.AcquireAsync("directline/c2", CancellationToken.None))
        {
        }
        var waiting = two.AcquireAsync("directline/c1", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();
        await (await waiting).DisposeAsync();
    }

    [Fact]
    public async Task A_wait_that_is_cancelled_gives_up_and_leaves_the_lock_to_its_holder()
    {
        var (one, two) = TwoInstances();
        var held = await one.AcquireAsync("directline/c1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = two.AcquireAsync("directline/c1", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await held.DisposeAsync();
        await (await two.AcquireAsync("directline/c1", CancellationToken.None)).DisposeAsync();
    }

    private static (PostgresConversationLock One, PostgresConversationLock Two) TwoInstances()
    {
        var database = TestPostgres.CreateDatabase();
        return (new PostgresConversationLock(database), new PostgresConversationLock(database));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

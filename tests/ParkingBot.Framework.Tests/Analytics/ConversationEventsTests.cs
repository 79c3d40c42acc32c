using ParkingBot.Framework.Analytics;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Analytics;

/// <summary>The outcome record in a real database: events kept once, the watch the sweep reads, remarks that expire; a subclass per engine.</summary>
public abstract class ConversationEventsTests(TestDatabase database) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutcomeOptions Options = new();

    private static ConversationWatch InAFlow(string conversation, DateTimeOffset lastTurn) => new()
    {
        Conversation = conversation, Channel = "webchat", Session = $"s-{conversation}", LastTurnAt = lastTurn,
        Run = new FlowRun { Id = $"r-{conversation}", Flow = "UnusedCharge", StartedAt = lastTurn.AddMinutes(-2), Turns = 3, Step = "usageDate" },
    };

    [Fact]
    public async Task An_event_recorded_twice_is_kept_once_and_read_back_whole_in_order()
    {
        var events = new ConversationEvents(database.Database);
        var ended = new ConversationEvent("r1:end", Now, ConversationEventKinds.FlowEnded, "c1", "webchat")
        {
            Flow = "TicketNotApplied", Ending = "Refused", Reason = "EnteredBeforeWindow", Version = "v1", DurationMs = 61_000, Turns = 4,
        };
        var rating = new ConversationEvent("s1:csat:a", Now, ConversationEventKinds.CsatAnswered, "c1", "webchat") { Score = 4, Detail = "bot" };
        await events.WriteAsync(events.Append([ended, rating]));
        await events.WriteAsync(events.Append([ended with { Ending = "Resolved" }]));

        var read = await new ConversationEvents(database.Database).ReadAsync(Now.AddMinutes(-1), Now.AddMinutes(1));

        Assert.Equal([ended, rating], read);
        Assert.Empty(await events.ReadAsync(Now.AddMinutes(1), Now.AddMinutes(2)));
    }

    [Fact]
    public async Task The_sweep_records_an_abandoned_flow_and_the_ended_session_once_and_forgets_the_watch()
    {
        var events = new ConversationEvents(database.Database);
        await events.WriteAsync([events.Watch(InAFlow("c1", Now), Options), events.Watch(InAFlow("c2", Now.AddMinutes(20)), Options)]);

        Assert.Equal(0, await events.SweepAsync(Now.AddMinutes(29), Options));
        Assert.Equal(2, await events.SweepAsync(Now.AddMinutes(31), Options));
        Assert.Equal(0, await events.SweepAsync(Now.AddMinutes(32), Options));

        var recorded = await events.ReadAsync(Now, Now.AddHours(1));
        Assert.Equal([(ConversationEventKinds.FlowEnded, "Abandoned", "usageDate"), (ConversationEventKinds.ConversationEnded, null, null)],
            recorded.Select(e => (e.Kind, e.Ending, e.Reason)));
        Assert.Equal((Now.AddMinutes(30), 120_000L, 3, "idle"), (recorded[0].At, recorded[0].DurationMs!.Value, recorded[0].Turns!.Value, recorded[1].Detail));
        Assert.Equal(2, await events.SweepAsync(Now.AddMinutes(51), Options));
    }

    [Fact]
    public async Task A_conversation_whose_customer_wrote_after_the_sweep_read_it_is_left_to_their_turn()
    {
        var events = new ConversationEvents(database.Database);
        await events.WriteAsync([events.Watch(InAFlow("c1", Now), Options)]);
        // The customer's turn wrote a newer watch between the sweep's read and its write: simulated by writing it first.
        var back = InAFlow("c1", Now.AddMinutes(40));
        await events.WriteAsync([events.Watch(back, Options)]);

        Assert.Equal(0, await events.SweepAsync(Now.AddMinutes(41), Options));
        Assert.Empty(await events.ReadAsync(Now, Now.AddHours(2)));
    }

    [Fact]
    public async Task A_watch_written_late_by_another_instance_never_replaces_a_newer_one()
    {
        var events = new ConversationEvents(database.Database);
        var newer = InAFlow("c1", Now.AddMinutes(10));
        await events.WriteAsync([events.Watch(newer, Options)]);

        await events.WriteAsync([events.Watch(InAFlow("c1", Now), Options)]);
        await events.WriteAsync([events.Watch(new ConversationWatch { Conversation = "c1", LastTurnAt = Now.AddMinutes(5) }, Options)]);

        // Due at the newer turn's deadline (10 + 30 min), not the older one's: nothing at 35 min, the abandonment at 41.
        Assert.Equal(0, await events.SweepAsync(Now.AddMinutes(35), Options));
        Assert.Equal(2, await events.SweepAsync(Now.AddMinutes(41), Options));
    }

    [Fact]
    public async Task The_writer_keeps_the_latest_watch_of_a_conversation_and_writes_a_batch_in_one_go()
    {
        var events = new ConversationEvents(database.Database);
        var writer = new WatchWriter(events, Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WatchWriter>.Instance);
        var watch = InAFlow("c1", Now);
        writer.Enqueue(InAFlow("c1", Now.AddMinutes(10)));
        writer.Enqueue(watch);
        writer.Enqueue(InAFlow("c2", Now));
        watch.LastTurnAt = Now.AddHours(5);

        Assert.Equal(0, await events.SweepAsync(Now.AddMinutes(35), Options));
        await writer.FlushAsync();

        Assert.Equal(2, await events.SweepAsync(Now.AddMinutes(35), Options));
        Assert.Equal(2, await events.SweepAsync(Now.AddMinutes(41), Options));
    }

    [Fact]
    public async Task An_answer_waiting_for_confirmation_is_assumed_resolved_after_the_window_and_a_watch_with_nothing_due_is_deleted()
    {
        var events = new ConversationEvents(database.Database);
        var waiting = new ConversationWatch
        {
            Conversation = "c1", Channel = "kakao", LastTurnAt = Now, Awaiting = new FlowRun { Id = "r1", Flow = "TicketPaymentTiming" },
        };
        await events.WriteAsync([events.Watch(waiting, Options), events.Watch(new ConversationWatch { Conversation = "c2", LastTurnAt = Now }, Options)]);

        Assert.Equal(0, await events.SweepAsync(Now.AddHours(23), Options));
        Assert.Equal(1, await events.SweepAsync(Now.AddHours(24), Options));

        var assumed = Assert.Single(await events.ReadAsync(Now, Now.AddDays(2)));
        Assert.Equal(("r1:resolution", Resolutions.Assumed, "TicketPaymentTiming", "kakao"), (assumed.Key, assumed.Detail, assumed.Flow, assumed.Channel));
        Assert.Equal(0, await events.SweepAsync(Now.AddDays(10), Options));
    }

    [Fact]
    public async Task Remarks_are_read_by_kind_and_period_and_go_after_the_retention_period()
    {
        var events = new ConversationEvents(database.Database);
        await events.WriteAsync([
            events.Remark(new CustomerRemark(Now.AddDays(-40), CustomerRemark.NotUnderstood, null, "topic", "오래된 말")),
            events.Remark(new CustomerRemark(Now, CustomerRemark.NotUnderstood, null, "topic", "무슨 말인지")),
            events.Remark(new CustomerRemark(Now, CustomerRemark.CsatComment, "UnusedCharge", null, "친절했어요")),
        ]);

        Assert.Equal(["무슨 말인지"], (await events.ReadRemarksAsync(CustomerRemark.NotUnderstood, Now.AddDays(-1), Now.AddDays(1))).Select(r => r.Text));
        Assert.Equal(1, await events.RemoveIdleAsync(Now.AddDays(-30), new HashSet<string>()));
        Assert.Equal(["무슨 말인지"], (await events.ReadRemarksAsync(CustomerRemark.NotUnderstood, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Select(r => r.Text));
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteConversationEventsTests() : ConversationEventsTests(TestDatabase.Sqlite());

public sealed class PostgresConversationEventsTests() : ConversationEventsTests(TestDatabase.Postgres());

using ParkingBot.Framework.Analytics;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Queue;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Relay;
using ParkingBot.Handoff.Store;
using ParkingBot.Testing;

namespace ParkingBot.Handoff.Tests;

/// <summary>What every <see cref="IHandoffCaseStore"/> keeps, and the handoff service over it; a provider class says how to make one.</summary>
public abstract class HandoffStoreTests(TestDatabase database) : IDisposable
{

    /// <summary>A store over this test's database; every call opens the same cases (a second instance, a restart).</summary>
    private SqlHandoffCaseStore NewStore() => new(database.Database);

    [Fact]
    public async Task Conversations_with_a_queued_or_assigned_case_are_listed_as_in_use()
    {
        var store = NewStore();
        await store.CreateAsync(HandoffCaseTests.NewCase("H1", "queued"));
        var assigned = HandoffCaseTests.NewCase("H2", "assigned");
        assigned.Assign("a1", "김상담", DateTimeOffset.UnixEpoch);
        await store.CreateAsync(assigned);
        var resolved = HandoffCaseTests.NewCase("H3", "resolved");
        var etag = (await store.CreateAsync(resolved)).Stored.ETag;
        resolved.Assign("a1", "김상담", DateTimeOffset.UnixEpoch);
        resolved.Resolve("a1", "김상담", "done", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(resolved, etag);

        Assert.Equal(["emulator/assigned", "emulator/queued"], (await store.ListOpenConversationsAsync()).Order());
    }

    [Fact]
    public async Task A_case_round_trips_with_everything_it_carries()
    {
        var store = NewStore();
        var handoffCase = HandoffCaseTests.NewCase();
        handoffCase.AddAttachments([new CaseAttachment("receipt.jpg", "image/jpeg", "http://files/receipt.jpg")]);
        handoffCase.Record(new TranscriptEntry(DateTimeOffset.UnixEpoch, TranscriptSender.Customer, "고객", "출차가 안 돼요"));
        await store.CreateAsync(handoffCase);

        var read = (await store.GetAsync("H1"))!.Case;

        Assert.Equal(("TicketNotApplied", "12가3456", HandoffReason.OutboundCall), (read.Flow, read.Slots["carNumber"], read.Reasons[0]));
        Assert.Equal("receipt.jpg", read.Attachments.Single().Name);
        Assert.Equal((TranscriptSender.Customer, "출차가 안 돼요"), (read.Transcript[0].Sender, read.Transcript[0].Text));
        Assert.Equal("c1", read.Conversation.Conversation!.Id);
    }

    [Fact]
    public async Task A_save_with_a_stale_etag_fails()
    {
        var store = NewStore();
        var etag = (await store.CreateAsync(HandoffCaseTests.NewCase())).Stored.ETag;
        var first = (await store.GetAsync("H1"))!;
        first.Case.Assign("a1", "김상담", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(first.Case, etag);

        var second = HandoffCaseTests.NewCase();
        second.Assign("a2", "이상담", DateTimeOffset.UnixEpoch);

        await Assert.ThrowsAsync<HandoffConflictException>(() => store.SaveAsync(second, etag));
        Assert.Equal("a1", (await store.GetAsync("H1"))!.Case.AgentId);
    }

    [Fact]
    public async Task A_save_that_meets_a_change_writes_none_of_the_rows_sent_with_it()
    {
        var store = NewStore();
        var outbox = new NotificationOutbox(database.Database, TimeProvider.System);
        var etag = (await store.CreateAsync(HandoffCaseTests.NewCase())).Stored.ETag;
        var claimed = (await store.GetAsync("H1"))!;
        claimed.Case.Assign("a1", "김상담", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(claimed.Case, etag);
        var stale = HandoffCaseTests.NewCase();
        stale.Assign("a2", "이상담", DateTimeOffset.UnixEpoch);

        await Assert.ThrowsAsync<HandoffConflictException>(() =>
            store.SaveAsync(stale, etag, [outbox.AddStatement(new Notification("H1", "u1", "안내 문자"), NotificationState.Outbox)]));

        Assert.Empty(await outbox.ListAsync());
    }

    [Fact]
    public async Task Resolving_with_a_follow_up_queues_it_once_with_the_resolve()
    {
        var (service, store) = Service();
        await store.CreateAsync(HandoffCaseTests.NewCase());
        await service.ClaimAsync("H1", "a1", "김상담");

        var resolved = await service.ResolveAsync("H1", "a1", "김상담", "주차장 통화 후 적용 완료", "확인 결과 주차권이 적용되었습니다.");
        var again = await service.ResolveAsync("H1", "a1", "김상담", "주차장 통화 후 적용 완료", "확인 결과 주차권이 적용되었습니다.");

        Assert.Equal((AgentActionResult.Done, AgentActionResult.Closed), (resolved, again));
        var queued = Assert.Single(await new NotificationOutbox(database.Database, TimeProvider.System).ListAsync());
        Assert.Equal(("H1", "확인 결과 주차권이 적용되었습니다.", NotificationState.Outbox), (queued.Notification.CaseId, queued.Notification.Text, queued.State));
    }

    [Fact]
    public async Task A_conversation_gets_at_most_one_open_case_and_a_key_opens_at_most_one_case()
    {
        var store = NewStore();

        var opened = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() => store.CreateAsync(HandoffCaseTests.NewCase($"H{i}"), $"key-{i}"))));
        var created = Assert.Single(opened, o => o.Created);
        var sameKey = await store.CreateAsync(HandoffCaseTests.NewCase("H9", "another-conversation"), "key-" + created.Stored.Case.Id[1..]);

        Assert.All(opened, o => Assert.Equal(created.Stored.Case.Id, o.Stored.Case.Id));
        Assert.False(sameKey.Created);
        Assert.Single(await store.ListRecentAsync(DateTimeOffset.MinValue));
        Assert.Null(await store.FindOpenAsync("emulator", "another-conversation"));
    }

    [Fact]
    public async Task An_agent_sees_the_cases_nobody_has_and_their_own_but_not_another_agents_and_a_supervisor_sees_all()
    {
        var store = NewStore();
        foreach (var (id, agent) in new[] { ("H1", (string?)null), ("H2", "a1"), ("H3", "a2") })
        {
            var handoffCase = HandoffCaseTests.NewCase(id, id);
            if (agent is not null)
            {
                handoffCase.Assign(agent, agent, DateTimeOffset.UnixEpoch);
            }
            await store.CreateAsync(handoffCase);
        }

        var cases = await store.ListRecentAsync(DateTimeOffset.MinValue);
        Assert.Equal(["H1", "H2"], cases.Where(c => CaseViews.MaySee(c, "a1", supervisor: false)).Select(c => c.Id).Order());
        Assert.Equal(["waiting", "mine", "others"], cases.OrderBy(c => c.Id).Select(c => CaseViews.ViewOf(c, "a1")));
        Assert.Equal(3, cases.Count(c => CaseViews.MaySee(c, "a1", supervisor: true)));
        Assert.Equal("H3", (await store.FindOpenAsync("emulator", "H3"))!.Case.Id);
    }

    [Fact]
    public async Task Recent_cases_are_every_case_still_to_work_and_those_created_since_the_cutoff()
    {
        var store = NewStore();
        var day = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var oldResolved = NewCaseAt("H1", day.AddDays(-3));
        oldResolved.Assign("a1", "김상담", day.AddDays(-3));
        oldResolved.Resolve("a1", "김상담", "done", day.AddDays(-3));
        var oldFollowUp = NewCaseAt("H2", day.AddDays(-3));
        oldFollowUp.CancelByCustomer(day.AddDays(-3));
        var oldQueued = NewCaseAt("H3", day.AddDays(-2));
        var newCancelled = HandoffCaseTests.NewCase("H4", "H4", HandoffReason.CustomerRequest);
        newCancelled.CancelByCustomer(day);
        foreach (var handoffCase in new[] { oldResolved, oldFollowUp, oldQueued, NewCaseAt("H5", day.AddHours(1)), newCancelled })
        {
            await store.CreateAsync(handoffCase);
        }

        var recent = await store.ListRecentAsync(day.AddDays(-1));

        Assert.Equal(["H2", "H3", "H4", "H5"], recent.Select(c => c.Id).Order());
        Assert.Equal(HandoffStatus.FollowUp, recent.Single(c => c.Id == "H2").Status);
        Assert.Null(await store.FindOpenAsync("emulator", "H2"));
    }

    [Fact]
    public async Task An_agent_releases_transfers_and_notes_a_case_and_the_customer_hears_of_the_first_two()
    {
        var adapter = new TestAdapter();
        var (service, store) = Service(adapter);
        await store.CreateAsync(HandoffCaseTests.NewCase());
        await service.ClaimAsync("H1", "a1", "김상담");

        Assert.Equal(AgentActionResult.NotYours, await service.ReleaseAsync("H1", "a2"));
        Assert.Equal(AgentActionResult.Done, await service.ReleaseAsync("H1", "a1"));
        Assert.Equal((HandoffStatus.Queued, null), ((await store.GetAsync("H1"))!.Case.Status, (await store.GetAsync("H1"))!.Case.AgentId));
        await service.ClaimAsync("H1", "a2", "이상담");
        Assert.Equal(AgentActionResult.SameAgent, await service.TransferAsync("H1", "a2", "a2", "이상담"));
        Assert.Equal(AgentActionResult.Done, await service.TransferAsync("H1", "a2", "a3", "박상담"));
        Assert.Equal(AgentActionResult.NotYours, await service.AddNoteAsync("H1", "a1", "김상담", "엿보기", supervisor: false));
        Assert.Equal(AgentActionResult.Done, await service.AddNoteAsync("H1", "a9", "팀장", "환불 승인함", supervisor: true));

        var stored = (await store.GetAsync("H1"))!.Case;
        Assert.Equal(("a3", "박상담"), (stored.AgentId, stored.AgentName));
        Assert.Equal(("팀장", "환불 승인함"), (Assert.Single(stored.Notes).AgentName, stored.Notes[0].Text));
        Assert.DoesNotContain(stored.Transcript, t => t.Text == "환불 승인함");
        var told = new List<string?>();
        while (adapter.GetNextReply() is { } reply)
        {
            told.Add(reply.Text);
        }
        Assert.Equal(["joined 김상담", "requeued", "joined 이상담", "joined 박상담"], told.Where(t => t is not null));
    }

    private static HandoffCase NewCaseAt(string id, DateTimeOffset createdAt) => new(id,
        new ConversationReference { ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:9", Conversation = new(id), User = new("u1"), Bot = new("b1") },
        "UnusedCharge", "category", [HandoffReason.Refund], "summary", new Dictionary<string, string>(), createdAt);

    [Fact]
    public async Task Of_two_agents_claiming_at_the_same_moment_exactly_one_wins()
    {
        var (service, store) = Service();
        await store.CreateAsync(HandoffCaseTests.NewCase());

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => service.ClaimAsync("H1", $"a{i}", $"상담원{i}"))));

        Assert.Single(results, r => r == AgentActionResult.Done);
        Assert.All(results.Where(r => r != AgentActionResult.Done), r => Assert.Equal(AgentActionResult.AlreadyTaken, r));
        var winner = (await store.GetAsync("H1"))!.Case.AgentId;
        Assert.NotNull(winner);
    }

    [Fact]
    public async Task A_queued_case_survives_a_restart_and_is_still_claimable()
    {
        await NewStore().CreateAsync(HandoffCaseTests.NewCase());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (service, store) = Service();

        Assert.Equal(HandoffStatus.Queued, (await store.GetAsync("H1"))!.Case.Status);
        Assert.Equal(AgentActionResult.Done, await service.ClaimAsync("H1", "a1", "김상담"));
    }

    [Fact]
    public async Task Only_the_assigned_agent_may_message_or_resolve()
    {
        var (service, store) = Service();
        await store.CreateAsync(HandoffCaseTests.NewCase());
        await service.ClaimAsync("H1", "a1", "김상담");

        Assert.Equal(AgentActionResult.NotYours, await service.SendAgentMessageAsync("H1", "a2", "안녕하세요"));
        Assert.Equal(AgentActionResult.NotYours, await service.ResolveAsync("H1", "a2", "김상담", "x", null));
        Assert.Equal(AgentActionResult.NotFound, await service.ClaimAsync("nope", "a1", "김상담"));
        Assert.Equal(AgentActionResult.Done, await service.ResolveAsync("H1", "a1", "김상담", "done", null));
        Assert.Equal(AgentActionResult.Closed, await service.SendAgentMessageAsync("H1", "a1", "late"));
    }

    [Fact]
    public async Task An_agent_whose_customer_cannot_be_reached_still_claims_chats_and_resolves_and_is_told()
    {
        var (service, store) = Service(new UnreachableChannel());
        await store.CreateAsync(HandoffCaseTests.NewCase());

        var claimed = await service.ClaimAsync("H1", "a1", "김상담");
        var said = await service.SendAgentMessageAsync("H1", "a1", "확인해 드릴게요");
        var resolved = await service.ResolveAsync("H1", "a1", "김상담", "통화 완료", null);

        Assert.Equal([AgentActionResult.DoneCustomerNotReached, AgentActionResult.DoneCustomerNotReached, AgentActionResult.DoneCustomerNotReached], [claimed, said, resolved]);
        var stored = (await store.GetAsync("H1"))!.Case;
        Assert.Equal((HandoffStatus.Resolved, "확인해 드릴게요"), (stored.Status, stored.Transcript.Last().Text));
    }

    private (HandoffService Service, IHandoffCaseStore Store) Service(BotAdapter? adapter = null)
    {
        var store = NewStore();
        var service = new HandoffService(store, new ConversationTranscripts(database.Database), new CaseEvents(), new SilentCustomer(),
            new OutboxNotificationSender(new NotificationOutbox(database.Database, TimeProvider.System)), new ConversationEvents(database.Database), new PlainText(), new AgentHours(), new Lazy<BotAdapter>(adapter ?? new TestAdapter()),
            TimeProvider.System, NullLogger<HandoffService>.Instance);
        return (service, store);
    }

    public void Dispose() => database.Dispose();

    /// <summary>A customer channel that is down: every proactive turn fails to deliver, as the turn runner reports it.</summary>
    private sealed class UnreachableChannel : BotAdapter
    {
        public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
            throw new ChannelDeliveryException("The bot's messages could not be delivered to the customer's channel.");

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class PlainText : ITextMasker
    {
        public string Mask(string text) => text;
    }

    private sealed class SilentCustomer : IHandoffCustomerMessages
    {
        public Activity Waiting(Activity flowMessage, QueueStanding standing) => flowMessage;
        public Activity StillWaiting(QueueStanding standing) => Activity.CreateMessageActivity("waiting");
        public Activity KeepWaiting(QueueStanding standing) => Activity.CreateMessageActivity("keep waiting");
        public Activity Requeued(QueueStanding standing) => Activity.CreateMessageActivity("requeued");
        public Activity ConfirmCancel(IReadOnlyList<HandoffReason> goesOn) => Activity.CreateMessageActivity("sure?");
        public Activity Cancelled(IReadOnlyList<HandoffReason> goesOn) => Activity.CreateMessageActivity("cancelled");
        public Activity AgentJoined(string agentName) => Activity.CreateMessageActivity("joined " + agentName);
        public string AgentTitle(string agentName) => agentName;
        public Activity AgentFinished(bool followUpByText) => Activity.CreateMessageActivity("finished");
        public bool IsCancelRequest(string? text) => text == "cancel";
        public bool? YesOrNo(string? text) => text switch { "yes" => true, "no" => false, _ => null };
        public Task ResumeBotAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class SqliteHandoffStoreTests() : HandoffStoreTests(TestDatabase.Sqlite());

public sealed class PostgresHandoffStoreTests() : HandoffStoreTests(TestDatabase.Postgres());

using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Framework.Analytics;
using ParkingBot.Parking.Operations;
using ParkingBot.Handoff;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Conversations driven to every ending through the real turn runner (events commit with the turn), with a clock the test
/// moves: what the outcome record holds, and the report's figures built from it.
/// </summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class OutcomeTests
{
    private sealed class Customer
    {
        public ManualClock Clock { get; } = new(BotFactory.Now);
        public DialogTestClient Client { get; }
        public IServiceProvider Services { get; }
        private readonly List<string> _said = [];

        public Customer(Func<IParkingOperations, IParkingOperations>? operations = null)
        {
            (Client, Services) = BotFactory.Create(throughTurnRunner: operations is null, clock: Clock, operations: operations);
        }

        public async Task SayAsync(params string[] lines)
        {
            foreach (var line in lines)
            {
                _said.Add(line);
                await Client.UserSaysAsync(line);
                while (Client.GetNextReply() is not null)
                {
                }
                Clock.Now += TimeSpan.FromSeconds(20);
            }
        }

        public Task<int> SweepAsync() => Services.GetRequiredService<OutcomeSweeper>().SweepOnceAsync();

        public async Task<IReadOnlyList<ConversationEvent>> EventsAsync()
        {
            var events = await Services.GetRequiredService<ConversationEvents>().ReadAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            // A case's category (handoffOpened's Detail) is agent-facing text from agent-texts.ko.yaml.
            foreach (var field in events.SelectMany(e => new[] { e.Flow, e.Ending, e.Reason, e.Kind == ConversationEventKinds.HandoffOpened ? null : e.Detail }).OfType<string>())
            {
                Assert.DoesNotContain(_said, said => field.Contains(said, StringComparison.Ordinal));
            }
            return events;
        }

        public async Task<IReadOnlyList<ConversationEvent>> EndingsAsync() =>
            (await EventsAsync()).Where(e => e.Kind == ConversationEventKinds.FlowEnded).ToList();

        public async Task<AnalyticsReport> ReportAsync() =>
            await Services.GetRequiredService<AnalyticsReports>().BuildAsync(BotFactory.Now.AddDays(-1), Clock.Now.AddDays(2));
    }

    [Fact]
    public async Task An_answer_confirmed_by_no_is_informed_and_verified_and_the_rating_with_its_comment_counts_for_the_flow()
    {
        var customer = new Customer();
        await customer.SayAsync("주차권 결제 시점", "강남역 공영주차장", "아니오", "5점", "빨리 알려주셔서 좋았어요 12가3456");

        var events = await customer.EventsAsync();
        Assert.Equal([ConversationEventKinds.ConversationStarted, ConversationEventKinds.TopicStarted, ConversationEventKinds.FlowEnded,
            ConversationEventKinds.ResolutionConfirmed, ConversationEventKinds.CsatAnswered, ConversationEventKinds.ConversationEnded], events.Select(e => e.Kind));
        var ended = events.Single(e => e.Kind == ConversationEventKinds.FlowEnded);
        Assert.Equal(("TicketPaymentTiming", "Informed", "AtExit", 2), (ended.Flow, ended.Ending, ended.Reason, ended.Turns));
        Assert.Equal(20_000, ended.DurationMs);
        Assert.False(string.IsNullOrEmpty(ended.Version));
        Assert.Equal(TopicChoices.Button, events.Single(e => e.Kind == ConversationEventKinds.TopicStarted).Detail);
        Assert.Equal(Resolutions.Verified, events.Single(e => e.Kind == ConversationEventKinds.ResolutionConfirmed).Detail);
        Assert.Equal((5, "bot", "TicketPaymentTiming"), events.Single(e => e.Kind == ConversationEventKinds.CsatAnswered) is var csat ? (csat.Score, csat.Detail, csat.Flow) : default);
        Assert.Equal("closed", events.Last().Detail);

        var comment = Assert.Single(await customer.Services.GetRequiredService<ConversationEvents>()
            .ReadRemarksAsync(CustomerRemark.CsatComment, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal("TicketPaymentTiming", comment.Flow);
        Assert.StartsWith("빨리 알려주셔서 좋았어요", comment.Text);

        var report = await customer.ReportAsync();
        var flow = report.Flows["TicketPaymentTiming"];
        Assert.Equal((1, 1, 1, 1, 0, 5.0), (report.Conversations, flow.Started, flow.Contained, flow.Verified, flow.Assumed, flow.CsatAverage));
        Assert.Equal(1.0, flow.ContainmentRate);
    }

    [Fact]
    public async Task The_rating_is_asked_once_a_session_and_skipping_it_records_no_rating()
    {
        var customer = new Customer();
        await customer.SayAsync("주차권 결제 시점", "강남역 공영주차장", "아니오", "건너뛰기", "주차권 결제 시점", "코엑스 주차장", "아니오");

        var events = await customer.EventsAsync();
        Assert.DoesNotContain(events, e => e.Kind == ConversationEventKinds.CsatAnswered);
        // Skipped, then a second inquiry in a new session (the first ended at goodbye): asked again there, not twice in one.
        Assert.Equal(2, events.Count(e => e.Kind == ConversationEventKinds.ConversationStarted));
        await customer.Client.UserSaysAsync("3");
        Assert.Equal("csat.askComment", customer.Client.GetNextReply().ResponseKey());
    }

    [Fact]
    public async Task Resolved_refused_not_holder_not_found_and_cancelled_carry_the_flow_s_reason()
    {
        async Task<ConversationEvent> EndingOf(params string[] lines)
        {
            var customer = new Customer();
            await customer.SayAsync(lines);
            return Assert.Single(await customer.EndingsAsync());
        }

        var resolved = await EndingOf("이용하지 않은 요금 결제", "네", "오늘이요", "강남역 공영주차장 · 주차패스 · 11:20", "네 맞아요");
        var refused = await EndingOf("주차권 적용 안 됨", "네", TestClock.Typed(-2), "네", "네");
        var notHolder = await EndingOf("모두의주차장 주차권이랑 카카오 주차패스 둘 다 결제됐어요 취소해 주세요", "아뇨 회사 동료 계정으로 대신 문의하는 거예요");
        var notFound = await EndingOf("주차권 결제 시점", "잠실 롯데월드몰 주차장");
        var cancelled = await EndingOf("이용하지 않은 요금 결제", "네", "아 그냥 그만할래요");

        Assert.Equal(("UnusedCharge", "Resolved", "CancelPick"), (resolved.Flow, resolved.Ending, resolved.Reason));
        Assert.Equal(("TicketNotApplied", "Refused", "EnteredBeforeWindow"), (refused.Flow, refused.Ending, refused.Reason));
        Assert.Equal(("DoublePayment", "NotHolder"), (notHolder.Flow, notHolder.Ending));
        Assert.Equal(("TicketPaymentTiming", "NotFound", "lot"), (notFound.Flow, notFound.Ending, notFound.Reason));
        Assert.Equal(("UnusedCharge", "Cancelled", "stop"), (cancelled.Flow, cancelled.Ending, cancelled.Reason));
    }

    [Fact]
    public async Task A_handoff_records_the_reason_the_wait_the_handling_time_and_the_rating_about_the_agent()
    {
        var customer = new Customer();
        await customer.SayAsync("주차권 결제 시점", "상담원 연결");
        var handoff = customer.Services.GetRequiredService<HandoffService>();
        var caseId = (await handoff.RecentCasesAsync("agent-1", supervisor: false)).Single().Id;
        customer.Clock.Now += TimeSpan.FromMinutes(3);
        Assert.Equal(AgentActionResult.Done, await handoff.ClaimAsync(caseId, "agent-1", "김상담"));
        customer.Clock.Now += TimeSpan.FromMinutes(5);
        Assert.Equal(AgentActionResult.Done, await handoff.ResolveAsync(caseId, "agent-1", "김상담", "안내 완료", null));
        await customer.SayAsync("아니요", "4");

        var events = await customer.EventsAsync();
        var ended = Assert.Single(events, e => e.Kind == ConversationEventKinds.FlowEnded);
        Assert.Equal(("TicketPaymentTiming", "HandedOff", "CustomerRequest"), (ended.Flow, ended.Ending, ended.Reason));
        Assert.Equal("handedOff", events.First(e => e.Kind == ConversationEventKinds.ConversationEnded).Detail);
        Assert.Equal("CustomerRequest", events.Single(e => e.Kind == ConversationEventKinds.HandoffOpened).Reason);
        Assert.Equal(200_000, events.Single(e => e.Kind == ConversationEventKinds.HandoffClaimed).DurationMs);
        Assert.Equal(300_000, events.Single(e => e.Kind == ConversationEventKinds.HandoffResolved).DurationMs);
        Assert.Equal("afterHandoff", events.Last(e => e.Kind == ConversationEventKinds.ConversationStarted).Detail);
        var rating = events.Single(e => e.Kind == ConversationEventKinds.CsatAnswered);
        Assert.Equal((4, "agent"), (rating.Score, rating.Detail));

        var report = await customer.ReportAsync();
        Assert.Equal((1, 200.0, 300.0, 1), (report.CasesOpened, report.MedianWaitSeconds, report.MedianHandlingSeconds, report.AgentCsat[3]));
        Assert.Equal(1, report.Flows["TicketPaymentTiming"].HandoffReasons["CustomerRequest"]);
        Assert.Equal(1, report.Conversations);
    }

    [Fact]
    public async Task Quiet_in_the_middle_of_a_flow_is_abandonment_at_its_question_after_the_idle_timeout_recorded_once()
    {
        var customer = new Customer();
        await customer.SayAsync("이용하지 않은 요금 결제", "네");

        customer.Clock.Now += TimeSpan.FromMinutes(29);
        Assert.Equal(0, await customer.SweepAsync());
        customer.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(2, await customer.SweepAsync());
        Assert.Equal(0, await customer.SweepAsync());

        var abandoned = Assert.Single(await customer.EndingsAsync());
        Assert.Equal(("UnusedCharge", "Abandoned", "usageDate", 2), (abandoned.Flow, abandoned.Ending, abandoned.Reason, abandoned.Turns));
        Assert.Equal("idle", (await customer.EventsAsync()).Last().Detail);

        // Back an hour later: the flow goes on, as a new run of a new session; the abandonment stays recorded once.
        await customer.SayAsync("오늘이요");
        var events = await customer.EventsAsync();
        Assert.Single(events, e => e.Ending == "Abandoned");
        Assert.Equal(TopicChoices.Resumed, events.Last(e => e.Kind == ConversationEventKinds.TopicStarted).Detail);
        Assert.Equal(2, events.Count(e => e.Kind == ConversationEventKinds.ConversationStarted));
        var report = await customer.ReportAsync();
        Assert.Equal((1, 1), (report.Flows["UnusedCharge"].Started, report.Flows["UnusedCharge"].AbandonedAt["usageDate"]));
    }

    [Fact]
    public async Task A_customer_back_after_the_timeout_before_any_sweep_records_the_abandonment_the_sweep_then_does_not_repeat()
    {
        var customer = new Customer();
        await customer.SayAsync("이용하지 않은 요금 결제", "네");
        customer.Clock.Now += TimeSpan.FromMinutes(45);
        await customer.SayAsync("오늘이요");

        Assert.Equal(0, await customer.SweepAsync());
        var abandoned = Assert.Single(await customer.EndingsAsync());
        Assert.Equal(("Abandoned", "usageDate"), (abandoned.Ending, abandoned.Reason));
        Assert.Equal(BotFactory.Now.AddSeconds(20).AddMinutes(30), abandoned.At);
    }

    [Fact]
    public async Task An_answer_left_without_a_reply_counts_as_resolved_assumed_only_after_the_window()
    {
        var customer = new Customer();
        await customer.SayAsync("주차권 결제 시점", "강남역 공영주차장");

        customer.Clock.Now += TimeSpan.FromHours(23);
        await customer.SweepAsync();
        Assert.DoesNotContain(await customer.EventsAsync(), e => e.Kind == ConversationEventKinds.ResolutionConfirmed);
        customer.Clock.Now += TimeSpan.FromHours(1.1);
        await customer.SweepAsync();

        var resolution = Assert.Single(await customer.EventsAsync(), e => e.Kind == ConversationEventKinds.ResolutionConfirmed);
        Assert.Equal((Resolutions.Assumed, "TicketPaymentTiming"), (resolution.Detail, resolution.Flow));
        var flow = (await customer.ReportAsync()).Flows["TicketPaymentTiming"];
        Assert.Equal((1, 0, 1), (flow.Contained, flow.Verified, flow.Assumed));
        // The answer is no longer waiting: nothing is left to notice.
        Assert.Equal(0, await customer.SweepAsync());
    }

    [Fact]
    public async Task A_turn_that_throws_ends_the_flow_under_way_as_failed_and_the_sweep_does_not_call_it_abandoned()
    {
        var customer = new Customer(operations: inner =>
        {
            var failing = DispatchProxy.Create<IParkingOperations, FailingUsageLookups>();
            ((FailingUsageLookups)(object)failing).Inner = inner;
            return failing;
        });
        var outcomes = customer.Services.GetRequiredService<ConversationOutcomes>();
        // What the host's TurnErrorHandler does before it clears the state.
        customer.Client.Adapter.OnTurnError = (turnContext, _) => outcomes.TurnFailedAsync(turnContext, CancellationToken.None);
        await customer.SayAsync("이용하지 않은 요금 결제", "네", "오늘이요");
        customer.Clock.Now += TimeSpan.FromHours(2);
        await customer.SweepAsync();

        var ended = Assert.Single(await customer.EndingsAsync());
        Assert.Equal(("UnusedCharge", "Failed", "error"), (ended.Flow, ended.Ending, ended.Reason));
        Assert.Equal("failed", (await customer.EventsAsync()).Last(e => e.Kind == ConversationEventKinds.ConversationEnded).Detail);
    }

    /// <summary>A backend whose usage lookups fail (the store is down); everything else works.</summary>
    public class FailingUsageLookups : DispatchProxy
    {
        public IParkingOperations Inner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IParkingOperations.FindUsagesAsync)
                ? throw new InvalidOperationException("the usage store is down")
                : targetMethod.Invoke(Inner, args);
    }

    [Fact]
    public async Task Free_text_the_bot_cannot_place_is_kept_for_designers_masked_by_the_host_s_masker()
    {
        var customer = new Customer();
        await customer.SayAsync("어제 뭔가 이상한 문자를 받았는데 이게 뭔지 모르겠어요");

        var remark = Assert.Single(await customer.Services.GetRequiredService<ConversationEvents>()
            .ReadRemarksAsync(CustomerRemark.NotUnderstood, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal(("topic", "어제 뭔가 이상한 문자를 받았는데 이게 뭔지 모르겠어요"), (remark.Step, remark.Text));
    }
}

using ParkingBot.Framework.Analytics;

namespace ParkingBot.Framework.Tests.Analytics;

/// <summary>The report is a pure function of events: each figure against a hand-counted set.</summary>
public class AnalyticsReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static int _n;

    private static ConversationEvent E(string kind, string? flow = null, string? ending = null, string? reason = null, string? detail = null,
        long? ms = null, int? score = null, string? key = null) =>
        new(key ?? $"k{++_n}", Now.AddSeconds(_n), kind, "c", "webchat") { Flow = flow, Ending = ending, Reason = reason, Detail = detail, DurationMs = ms, Score = score };

    [Fact]
    public void Figures_per_flow_and_overall_keep_verified_and_assumed_apart_and_count_the_last_rating_of_a_session()
    {
        var events = new[]
        {
            E(ConversationEventKinds.ConversationStarted), E(ConversationEventKinds.ConversationStarted),
            E(ConversationEventKinds.ConversationStarted, detail: "afterHandoff"),
            E(ConversationEventKinds.TopicStarted, "A"), E(ConversationEventKinds.TopicStarted, "A"), E(ConversationEventKinds.TopicStarted, "A"),
            E(ConversationEventKinds.TopicStarted, "A", detail: TopicChoices.Resumed), E(ConversationEventKinds.TopicStarted, "B"),
            E(ConversationEventKinds.FlowEnded, "A", "Informed", ms: 10_000), E(ConversationEventKinds.FlowEnded, "A", "Resolved", ms: 30_000),
            E(ConversationEventKinds.FlowEnded, "A", "Abandoned", "usageDate", ms: 20_000), E(ConversationEventKinds.FlowEnded, "B", "HandedOff", "AttachmentReview,Refund"),
            E(ConversationEventKinds.ResolutionConfirmed, "A", detail: Resolutions.Verified), E(ConversationEventKinds.ResolutionConfirmed, "A", detail: Resolutions.Assumed),
            E(ConversationEventKinds.CsatAnswered, "A", score: 2, detail: "bot", key: "s1:csat:1"), E(ConversationEventKinds.CsatAnswered, "A", score: 5, detail: "bot", key: "s1:csat:2"),
            E(ConversationEventKinds.CsatAnswered, "A", score: 3, detail: "bot", key: "s2:csat:1"), E(ConversationEventKinds.CsatAnswered, "B", score: 1, detail: "agent", key: "s3:csat:1"),
            E(ConversationEventKinds.HandoffOpened, "B", reason: "AttachmentReview,Refund", detail: "시즌권"), E(ConversationEventKinds.HandoffClaimed, "B", ms: 60_000),
            E(ConversationEventKinds.HandoffClaimed, "B", ms: 180_000), E(ConversationEventKinds.HandoffResolved, "B", ms: 300_000),
        };

        var report = AnalyticsReport.Of(events, Now, Now.AddDays(1));
        var a = report.Flows["A"];

        Assert.Equal(2, report.Conversations);
        Assert.Equal((3, 3, 2, 1, 1), (a.Started, a.Ended, a.Contained, a.Verified, a.Assumed));
        Assert.Equal(2.0 / 3, a.ContainmentRate);
        Assert.Equal(1, a.AbandonedAt["usageDate"]);
        Assert.Equal(20.0, a.MedianDurationSeconds);
        Assert.Equal([0, 0, 1, 0, 1], a.Csat);
        Assert.Equal(4.0, a.CsatAverage);
        Assert.Equal([1, 0, 0, 0, 0], report.AgentCsat);
        Assert.Equal((1, 1), (report.Flows["B"].HandoffReasons["AttachmentReview"], report.Flows["B"].HandoffReasons["Refund"]));
        Assert.Equal((4, 2), (report.Overall.Started, report.Overall.Contained));
        Assert.Equal((1, 1, 120.0, 300.0), (report.CasesOpened, report.CasesByCategory["시즌권"], report.MedianWaitSeconds, report.MedianHandlingSeconds));
        Assert.Null(report.Flows["B"].CsatAverage);
    }
}

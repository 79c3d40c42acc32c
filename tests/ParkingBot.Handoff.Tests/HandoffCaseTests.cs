using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Tests;

public class HandoffCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9));

    public static HandoffCase NewCase(string id = "H1", string conversationId = "c1") => new(id,
        new ConversationReference { ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:9", Conversation = new(conversationId), User = new("u1"), Bot = new("b1") },
        "TicketNotApplied", "주차_고객 ▶ 결제 ▶ 입출차 오/미인식 ▶ 연동", [HandoffReason.OutboundCall], "주차권 미적용, 주차장 확인 필요",
        new Dictionary<string, string> { ["carNumber"] = "12가3456" }, Now);

    [Fact]
    public void Queued_then_assigned_then_resolved()
    {
        var handoffCase = NewCase();

        Assert.Equal(TransitionRefusal.None, handoffCase.Assign("a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.None, handoffCase.Resolve("a1", "주차장 통화 후 적용 완료", Now));
        Assert.Equal((HandoffStatus.Resolved, "김상담", "주차장 통화 후 적용 완료"), (handoffCase.Status, handoffCase.AgentName, handoffCase.ResolutionNote));
    }

    [Fact]
    public void An_assigned_case_cannot_be_claimed_again_or_resolved_by_another_agent()
    {
        var handoffCase = NewCase();
        handoffCase.Assign("a1", "김상담", Now);

        Assert.Equal(TransitionRefusal.NotQueued, handoffCase.Assign("a2", "이상담", Now));
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, handoffCase.Resolve("a2", "x", Now));
        Assert.Equal("a1", handoffCase.AgentId);
    }

    [Fact]
    public void A_queued_case_cannot_be_resolved() =>
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, NewCase().Resolve("a1", "x", Now));

    [Fact]
    public void The_customer_can_cancel_while_queued_or_assigned_but_not_after()
    {
        var queued = NewCase();
        var assigned = NewCase();
        assigned.Assign("a1", "김상담", Now);
        var resolved = NewCase();
        resolved.Assign("a1", "김상담", Now);
        resolved.Resolve("a1", "done", Now);

        Assert.Equal(TransitionRefusal.None, queued.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.None, assigned.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, resolved.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, queued.Assign("a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, queued.Resolve("a1", "x", Now));
    }

    [Fact]
    public void A_case_needs_a_reason() =>
        Assert.Throws<ArgumentException>(() => new HandoffCase("H", new ConversationReference(), "f", "c", [], "s", new Dictionary<string, string>(), Now));
}

using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Tests;

public class HandoffCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9));

    public static HandoffCase NewCase(string id = "H1", string conversationId = "c1", HandoffReason reason = HandoffReason.OutboundCall) => new(id,
        new ConversationReference { ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:9", Conversation = new(conversationId), User = new("u1"), Bot = new("b1") },
        "TicketNotApplied", "주차_고객 ▶ 결제 ▶ 입출차 오/미인식 ▶ 연동", [reason], "주차권 미적용, 주차장 확인 필요",
        new Dictionary<string, string> { ["carNumber"] = "12가3456" }, Now);

    [Fact]
    public void Queued_then_assigned_then_resolved()
    {
        var handoffCase = NewCase();

        Assert.Equal(TransitionRefusal.None, handoffCase.Assign("a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.None, handoffCase.Resolve("a1", "김상담", "주차장 통화 후 적용 완료", Now));
        Assert.Equal((HandoffStatus.Resolved, "김상담", "주차장 통화 후 적용 완료"), (handoffCase.Status, handoffCase.AgentName, handoffCase.ResolutionNote));
    }

    [Fact]
    public void An_assigned_case_cannot_be_claimed_again_or_resolved_by_another_agent()
    {
        var handoffCase = NewCase();
        handoffCase.Assign("a1", "김상담", Now);

        Assert.Equal(TransitionRefusal.NotQueued, handoffCase.Assign("a2", "이상담", Now));
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, handoffCase.Resolve("a2", "이상담", "x", Now));
        Assert.Equal("a1", handoffCase.AgentId);
    }

    [Fact]
    public void A_queued_case_cannot_be_resolved() =>
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, NewCase().Resolve("a1", "김상담", "x", Now));

    [Fact]
    public void The_customer_can_cancel_while_queued_or_assigned_but_not_after()
    {
        var queued = NewCase(reason: HandoffReason.CustomerRequest);
        var assigned = NewCase(reason: HandoffReason.CustomerRequest);
        assigned.Assign("a1", "김상담", Now);
        var resolved = NewCase(reason: HandoffReason.CustomerRequest);
        resolved.Assign("a1", "김상담", Now);
        resolved.Resolve("a1", "김상담", "done", Now);

        Assert.Equal(TransitionRefusal.None, queued.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.None, assigned.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, resolved.CancelByCustomer(Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, queued.Assign("a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.AlreadyClosed, queued.Resolve("a1", "김상담", "x", Now));
        Assert.Equal(HandoffStatus.CancelledByCustomer, queued.Status);
    }

    [Fact]
    public void Leaving_a_case_with_back_office_work_keeps_it_as_a_follow_up_any_agent_resolves()
    {
        var refund = NewCase(reason: HandoffReason.Refund);
        refund.AskCancel(true);

        Assert.Equal(TransitionRefusal.None, refund.CancelByCustomer(Now, "turn-1"));
        Assert.Equal((HandoffStatus.FollowUp, false, false, false), (refund.Status, refund.IsOpen, refund.IsClosed, refund.CancelAsked));
        Assert.Equal(TransitionRefusal.None, refund.CancelByCustomer(Now, "turn-1"));
        Assert.Equal(TransitionRefusal.AlreadyClosed, refund.CancelByCustomer(Now, "turn-2"));
        Assert.Equal(TransitionRefusal.AlreadyClosed, refund.Assign("a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.None, refund.Resolve("a2", "이상담", "환불 처리", Now.AddHours(1)));
        Assert.Equal((HandoffStatus.Resolved, "a2", "이상담", Now.AddHours(1)), (refund.Status, refund.AgentId, refund.AgentName, refund.ClosedAt));
    }

    [Fact]
    public void A_released_case_queues_again_and_a_transferred_one_belongs_to_the_other_agent()
    {
        var released = NewCase();
        released.Assign("a1", "김상담", Now);
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, released.Release("a2"));
        Assert.Equal(TransitionRefusal.None, released.Release("a1"));
        Assert.Equal((HandoffStatus.Queued, null, null), (released.Status, released.AgentId, released.AssignedAt));
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, released.Release("a1"));

        var transferred = NewCase();
        transferred.Assign("a1", "김상담", Now);
        Assert.Equal(TransitionRefusal.SameAgent, transferred.Transfer("a1", "a1", "김상담", Now));
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, transferred.Transfer("a2", "a3", "박상담", Now));
        Assert.Equal(TransitionRefusal.None, transferred.Transfer("a1", "a2", "이상담", Now.AddMinutes(5)));
        Assert.Equal((HandoffStatus.Assigned, "a2", "이상담"), (transferred.Status, transferred.AgentId, transferred.AgentName));
        Assert.Equal(TransitionRefusal.NotAssignedToThisAgent, transferred.Resolve("a1", "김상담", "x", Now));
    }

    [Fact]
    public void What_the_customer_attaches_later_joins_the_case_attachments_once()
    {
        var handoffCase = NewCase();
        handoffCase.AddAttachments([new CaseAttachment("first.jpg", "image/jpeg", "http://127.0.0.1/a/1")]);
        var receipt = new CaseAttachment("receipt.png", "image/png", "http://127.0.0.1/a/2");

        handoffCase.Record(new TranscriptEntry(Now, TranscriptSender.Customer, "고객", null, [receipt], "k1"));
        handoffCase.Record(new TranscriptEntry(Now, TranscriptSender.Customer, "고객", null, [receipt], "k2"));
        handoffCase.Record(new TranscriptEntry(Now, TranscriptSender.Bot, "bot", null, [new CaseAttachment("card", "image/png", "http://127.0.0.1/card")], "k3"));

        Assert.Equal(["first.jpg", "receipt.png"], handoffCase.Attachments.Select(a => a.Name));
    }

    [Fact]
    public void A_case_needs_a_reason() =>
        Assert.Throws<ArgumentException>(() => new HandoffCase("H", new ConversationReference(), "f", "c", [], "s", new Dictionary<string, string>(), Now));
}

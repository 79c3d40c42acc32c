using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Store;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>The waiting customer sees where they stand, can leave without losing what the bot promised, and hears when the agent is done.</summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class HandoffWaitingTests
{
    private static readonly string[] RefundCase = ["이용하지 않은 요금 결제", "네", TestClock.Typed(-2), "종로 센트럴빌딩 주차장 · 주차패스 · 13:05", "네"];

    private static async Task<(DialogTestClient Client, IServiceProvider Services, List<Activity> Replies)> SayAsync(string[] lines,
        IReadOnlyDictionary<string, string?>? settings = null, ManualClock? clock = null, string userId = "test-user")
    {
        var (client, services) = BotFactory.Create(settings, userId: userId, clock: clock ?? new ManualClock(BotFactory.Now));
        var replies = new List<Activity>();
        foreach (var line in lines)
        {
            await client.UserSaysAsync(line);
            replies.AddRange(Drain(client));
        }
        return (client, services, replies);
    }

    private static List<Activity> Drain(DialogTestClient client)
    {
        var replies = new List<Activity>();
        while (client.GetNextReply() is { } reply)
        {
            replies.Add(reply);
        }
        return replies;
    }

    private static async Task<HandoffCase> OnlyCaseAsync(IServiceProvider services) =>
        Assert.Single(await services.GetRequiredService<IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue));

    [Fact]
    public async Task The_waiting_message_says_plainly_the_customer_waits_their_place_and_offers_the_cancel_button()
    {
        var (client, _, replies) = await SayAsync(["상담원 연결"]);

        var waiting = replies.Last();
        Assert.Equal("handoff.waiting", waiting.ResponseKey());
        Assert.Contains("상담원 연결을 기다리는 중", waiting.Text);
        Assert.Contains("대기 순서는 1번째", waiting.Text);
        Assert.Equal(["상담 취소"], waiting.SuggestedActionTitles());

        await client.UserSaysAsync("얼마나 기다려야 하나요?");
        var still = Assert.Single(Drain(client));
        Assert.Equal(("handoff.stillWaiting", "상담 취소"), (still.ResponseKey(), string.Join("|", still.SuggestedActionTitles())));
        Assert.Contains("대기 순서는 1번째", still.Text);
    }

    [Fact]
    public async Task A_customer_behind_another_hears_their_place_and_a_wait_from_recent_handling_times()
    {
        var clock = new ManualClock(BotFactory.Now);
        var (first, services, _) = await SayAsync(["상담원 연결"], clock: clock, userId: "first");
        var handoff = services.GetRequiredService<HandoffService>();
        var handled = await OnlyCaseAsync(services);
        await handoff.ClaimAsync(handled.Id, "a1", "김상담");
        clock.Now += TimeSpan.FromMinutes(6);
        await handoff.ResolveAsync(handled.Id, "a1", "김상담", "안내 완료", null);
        Drain(first);

        // Two more customers wait now; the later one hears it is second, and 6 minutes for each case up to theirs with one agent working.
        var store = services.GetRequiredService<IHandoffCaseStore>();
        var bot = services.GetRequiredService<Framework.Builder.IBot>();
        var second = new DialogTestClient(bot, conversationId: "second", adapter: first.Adapter, userId: "second");
        var third = new DialogTestClient(bot, conversationId: "third", adapter: first.Adapter, userId: "third");
        await second.UserSaysAsync("상담원 연결");
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.Contains("약 6분", Drain(second).Last().Text);
        await third.UserSaysAsync("상담원 연결");
        var waiting = Drain(third).Last();
        Assert.Contains("대기 순서는 2번째", waiting.Text);
        Assert.Contains("약 12분", waiting.Text);
        Assert.Equal(2, (await store.ListRecentAsync(DateTimeOffset.MinValue)).Count(c => c.Status == HandoffStatus.Queued));
    }

    [Fact]
    public async Task Leaving_a_refund_case_asks_first_and_keeps_the_refund_as_a_follow_up_an_agent_resolves_by_text()
    {
        var (client, services, replies) = await SayAsync(RefundCase);
        Assert.Equal("unused.refundWaiting", replies.Last().ResponseKey());
        Assert.Contains("상담원 연결을 기다리는 중", replies.Last().Text);

        await client.UserSaysAsync("상담 취소");
        var question = Assert.Single(Drain(client));
        Assert.Equal(("handoff.confirmCancel", "예|아니오"), (question.ResponseKey(), string.Join("|", question.SuggestedActionTitles())));
        Assert.Contains("요청하신 환불(결제취소) 처리는 담당부서에서", question.Text);
        Assert.Equal(HandoffStatus.Queued, (await OnlyCaseAsync(services)).Status);

        await client.UserSaysAsync("아니요");
        var keep = Assert.Single(Drain(client));
        Assert.Equal(("handoff.keepWaiting", "상담 취소"), (keep.ResponseKey(), string.Join("|", keep.SuggestedActionTitles())));
        Assert.Equal((HandoffStatus.Queued, false), ((await OnlyCaseAsync(services)).Status, (await OnlyCaseAsync(services)).CancelAsked));

        await client.UserSaysAsync("상담 취소");
        Drain(client);
        await client.UserSaysAsync("네");
        var left = Drain(client);
        Assert.Equal("completed", left[0].Value!["state"]!.GetValue<string>());
        Assert.Equal("handoff.leftFollowUp", left[1].ResponseKey());
        Assert.Contains("환불(결제취소) 처리", left[1].Text);
        var kept = await OnlyCaseAsync(services);
        Assert.Equal(HandoffStatus.FollowUp, kept.Status);

        // The customer has the bot again; an agent resolves the follow-up without writing into the chat, and the text is queued.
        await client.UserSaysAsync("주차권 결제 시점");
        Assert.NotEqual("handoff.stillWaiting", Drain(client).First().ResponseKey());
        Assert.Equal(AgentActionResult.Done, await services.GetRequiredService<HandoffService>().ResolveAsync(kept.Id, "a2", "이상담", "결제취소 완료", "결제취소 처리되었습니다."));
        Assert.Empty(Drain(client));
        Assert.Equal(HandoffStatus.Resolved, (await OnlyCaseAsync(services)).Status);
        Assert.Equal("결제취소 처리되었습니다.", Assert.Single(await services.GetRequiredService<NotificationOutbox>().ListAsync()).Notification.Text);
    }

    [Fact]
    public async Task A_case_without_back_office_work_is_cancelled_at_once()
    {
        var (client, services, _) = await SayAsync(["상담원 연결"]);

        await client.UserSaysAsync("상담 취소");
        var cancelled = Drain(client);
        Assert.Equal("handoff.cancelled", cancelled.Last().ResponseKey());
        Assert.Equal(HandoffStatus.CancelledByCustomer, (await OnlyCaseAsync(services)).Status);
    }

    [Fact]
    public async Task Something_else_said_after_the_cancel_question_goes_to_the_agent_and_the_question_is_dropped()
    {
        var (client, services, _) = await SayAsync(RefundCase);
        await client.UserSaysAsync("상담 취소");
        Drain(client);

        await client.UserSaysAsync("아 그 전에 영수증도 있는데 보내드릴까요?");
        Assert.Equal("handoff.stillWaiting", Assert.Single(Drain(client)).ResponseKey());
        var handoffCase = await OnlyCaseAsync(services);
        Assert.Equal((HandoffStatus.Queued, false), (handoffCase.Status, handoffCase.CancelAsked));
        Assert.Equal("아 그 전에 영수증도 있는데 보내드릴까요?", handoffCase.Transcript.Last().Text);
    }

    [Fact]
    public async Task A_receipt_sent_while_waiting_reaches_the_case_attachments()
    {
        var (client, services, _) = await SayAsync(RefundCase);

        await client.UserSendsAsync(TranscriptPlayer.WithAttachment(new TranscriptAttachment { Name = "영수증.jpg", ContentType = "image/jpeg", Url = "https://files.example/receipt.jpg" }));
        Drain(client);

        var attachment = Assert.Single((await OnlyCaseAsync(services)).Attachments);
        Assert.Equal(("영수증.jpg", "https://files.example/receipt.jpg"), (attachment.Name, attachment.Url));
    }

    [Fact]
    public async Task The_agent_finishing_is_told_with_the_text_message_before_the_bot_asks_again()
    {
        var (client, services, _) = await SayAsync(["상담원 연결"]);
        var handoff = services.GetRequiredService<HandoffService>();
        var handoffCase = await OnlyCaseAsync(services);
        await handoff.ClaimAsync(handoffCase.Id, "a1", "김하늘");
        var joined = Drain(client).Last();
        Assert.Contains("김하늘 상담원입니다", joined.Text);

        await handoff.SendAgentMessageAsync(handoffCase.Id, "a1", "확인했습니다.");
        var message = Assert.Single(Drain(client));
        Assert.Equal(("김하늘", "김하늘 상담원"), (message.ChannelData!["agentName"]!.GetValue<string>(), message.ChannelData!["agentTitle"]!.GetValue<string>()));

        await handoff.ResolveAsync(handoffCase.Id, "a1", "김하늘", "안내 완료", "안내드린 내용입니다.");
        var after = Drain(client);
        Assert.Equal(["handoff.status", null, null], after.Select(a => a.Name));
        Assert.Equal(["handoff.agentFinishedWithText", "closing.anythingElse"], after.Skip(1).Select(a => a.ResponseKey()));
    }

    [Fact]
    public void An_agent_named_with_a_title_is_not_titled_twice() =>
        Assert.Equal(["상담원", "박상담 매니저", "김하늘 상담원"],
            new[] { "상담원", "박상담 매니저", "김하늘" }.Select(BotFactory.Create().Services.GetRequiredService<ParkingBot.Handoff.Relay.IHandoffCustomerMessages>().AgentTitle));

    [Fact]
    public async Task Outside_agents_hours_the_customer_is_told_the_answer_comes_by_text()
    {
        // BotFactory.Now is a Friday 15:00 in Korea; agents work 09:00–12:00 on weekdays here.
        var (_, _, replies) = await SayAsync(["상담원 연결"], new Dictionary<string, string?>
        {
            ["Agents:Hours:From"] = "09:00", ["Agents:Hours:To"] = "12:00",
            ["Agents:Hours:Days:0"] = "Monday", ["Agents:Hours:Days:1"] = "Friday",
        });

        Assert.Contains("상담 시간이 아니에요", replies.Last().Text);
        Assert.Contains("문자 안내", replies.Last().Text);
        Assert.DoesNotContain("대기 순서", replies.Last().Text);
    }

    [Fact]
    public async Task An_agent_asked_for_in_the_middle_of_a_flow_gets_what_the_bot_found()
    {
        var (_, services, _) = await SayAsync(["이용하지 않은 요금 결제", "네", TestClock.Typed(-2), "종로 센트럴빌딩 주차장 · 주차패스 · 13:05", "상담원 연결"]);

        var handoffCase = await OnlyCaseAsync(services);
        Assert.Equal(HandoffReason.CustomerRequest, Assert.Single(handoffCase.Reasons));
        Assert.Contains("이용하지 않은 요금 결제", handoffCase.Summary);
        Assert.Equal(("u-unused-completed", "종로 센트럴빌딩 주차장", TestClock.Iso(-2)), (handoffCase.Slots["usageId"], handoffCase.Slots["lot"], handoffCase.Slots["usageDate"]));
    }
}

using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Store;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>The whole loop through the real bot: customer asks for a person, an agent claims, both chat, the agent resolves, the bot resumes.</summary>
public class HandoffLoopTests
{
    [Fact]
    public async Task Agent_request_claim_relay_both_ways_resolve_and_back_to_the_bot()
    {
        var (client, services) = BotFactory.Create();
        var handoff = services.GetRequiredService<HandoffService>();
        var store = services.GetRequiredService<IHandoffCaseStore>();

        await client.UserSaysAsync("안녕하세요");
        Assert.Equal("menu.prompt", client.GetNextReply().ResponseKey());
        await client.UserSaysAsync("상담원 연결");
        var initiate = client.GetNextReply()!;
        Assert.Equal("handoff.waiting", client.GetNextReply().ResponseKey());

        var caseId = initiate.Value!["caseId"]!.GetValue<string>();
        Assert.Equal(("handoff.initiate", "CustomerRequest"), (initiate.Name, initiate.Value["reasons"]![0]!.GetValue<string>()));
        var transcript = initiate.Attachments!.Single().Content!["activities"]!.AsArray();
        Assert.Equal(["user", "bot", "user"], transcript.Select(a => a!["from"]!["role"]!.GetValue<string>()));

        await client.UserSaysAsync("어제 출차가 안 됐어요");
        Assert.Equal("handoff.stillWaiting", client.GetNextReply().ResponseKey());

        Assert.Equal(AgentActionResult.Done, await handoff.ClaimAsync(caseId, "agent-1", "김상담"));
        Assert.Equal(("handoff.status", "accepted"), (client.GetNextReply()!.Name, "accepted"));
        Assert.Contains("김상담 상담원입니다", client.GetNextReply()!.Text);

        await client.UserSaysAsync("12가3456 차량이에요");
        Assert.Null(client.GetNextReply());
        await handoff.SendAgentMessageAsync(caseId, "agent-1", "확인해 보겠습니다.");
        var agentMessage = client.GetNextReply()!;
        Assert.Equal(("확인해 보겠습니다.", "김상담"), (agentMessage.Text, agentMessage.ChannelData!["agentName"]!.GetValue<string>()));

        Assert.Equal(AgentActionResult.Done, await handoff.ResolveAsync(caseId, "agent-1", "김상담", "주차장 통화 후 처리", "처리 결과를 문자로 보내드렸습니다."));
        var status = client.GetNextReply()!;
        Assert.Equal(("handoff.status", "completed"), (status.Name, status.Value!["state"]!.GetValue<string>()));
        Assert.Equal("handoff.agentFinishedWithText", client.GetNextReply().ResponseKey());
        Assert.Equal("closing.anythingElse", client.GetNextReply().ResponseKey());
        await client.UserSaysAsync("아니요");
        Assert.Equal("csat.ask", client.GetNextReply().ResponseKey());
        await client.UserSaysAsync("건너뛰기");
        Assert.Equal("closing.goodbye", client.GetNextReply().ResponseKey());

        var closed = (await store.GetAsync(caseId))!.Case;
        Assert.Equal(HandoffStatus.Resolved, closed.Status);
        Assert.Equal(
            [TranscriptSender.Customer, TranscriptSender.Bot, TranscriptSender.Customer, TranscriptSender.Customer, TranscriptSender.Customer, TranscriptSender.Agent],
            closed.Transcript.Select(t => t.Sender));
        var followUp = Assert.Single(await services.GetRequiredService<NotificationOutbox>().ListAsync());
        Assert.Equal((caseId, "처리 결과를 문자로 보내드렸습니다."), (followUp.Notification.CaseId, followUp.Notification.Text));
    }
}

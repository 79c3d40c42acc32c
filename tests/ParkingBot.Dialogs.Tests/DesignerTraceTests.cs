using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

[Trait(TestClock.Trait, TestClock.Dated)]
public class DesignerTraceTests
{
    private static List<Activity> Drain(DialogTestClient client)
    {
        var replies = new List<Activity>();
        while (client.GetNextReply() is { } reply)
        {
            replies.Add(reply);
        }
        return replies;
    }

    [Fact]
    public async Task In_designer_mode_every_turn_ends_with_a_trace_of_the_intent_entities_question_stack_and_slots()
    {
        var client = BotFactory.CreateClient(new Dictionary<string, string?> { ["Bot:DesignerMode"] = "true" });

        await client.UserSaysAsync("어제 12가3456으로 주차권 샀는데 출차가 안 돼요");
        var first = Drain(client);
        await client.UserSaysAsync("네");
        var second = Drain(client);

        var trace = first[^1];
        Assert.Equal((ActivityTypes.Trace, DesignerTrace.Name, DesignerTrace.ValueType), (trace.Type, trace.Name, trace.ValueType));
        Assert.Single(first, a => a.Type == ActivityTypes.Trace);
        var value = trace.Value!;
        Assert.Equal("TicketNotApplied", value["intent"]!.GetValue<string>());
        Assert.InRange(value["score"]!.GetValue<double>(), 0.5, 1);
        Assert.Equal(["Date", "CarNumber"], value["entities"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(["MainDialog", "mainFlow", "TicketNotAppliedDialog"], value["dialogStack"]!.AsArray().Take(3).Select(n => n!.GetValue<string>()));
        Assert.Equal("12가3456", value["slots"]!["carNumber"]!.GetValue<string>());
        Assert.Equal(TestClock.Iso(-1), value["slots"]!["usageDate"]!.GetValue<string>());
        Assert.Equal("identity", value["expecting"]!.GetValue<string>());

        var afterIdentity = second[^1].Value!;
        Assert.Equal(ActivityTypes.Trace, second[^1].Type);
        Assert.Contains("FindUsageDialog", afterIdentity["dialogStack"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("usageConfirm", afterIdentity["expecting"]!.GetValue<string>());
        Assert.True(afterIdentity["slots"]!["identityConfirmed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task On_the_emulator_channel_the_trace_is_on_without_configuration_and_off_elsewhere()
    {
        var emulator = BotFactory.CreateClient();
        await emulator.UserSendsAsync(new Activity { Type = ActivityTypes.Message, Text = "안녕하세요", ChannelId = Channels.Emulator });
        var customer = BotFactory.CreateClient();
        await customer.UserSaysAsync("안녕하세요");

        Assert.Equal("Greeting", Assert.Single(Drain(emulator), a => a.Type == ActivityTypes.Trace).Value!["intent"]!.GetValue<string>());
        Assert.DoesNotContain(Drain(customer), a => a.Type == ActivityTypes.Trace);
    }
}

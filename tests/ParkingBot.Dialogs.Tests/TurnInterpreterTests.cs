using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Dialogs.Understanding.Acts;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;
using YamlDotNet.Serialization;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// The turn interpreter as a table (Acts/acts.yaml, written in customers' words from the playbooks alone): each row is a
/// message at a question of a flow, with what the customer already told, and the dialogue act it is (and, at a yes/no
/// question, the yes or no it gives). Each message is read by the real <see cref="TurnReader"/> (the recognizers, the
/// phrases) and decided by <see cref="TurnInterpreter"/>.
/// </summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class TurnInterpreterTests
{
    private static readonly Lazy<IServiceProvider> Services = new(() => BotFactory.Create().Services);

    public static TheoryData<string, string, string, string, string, string, string> Rows() => Rows("acts.yaml");

    /// <summary>The rows of a table in Acts/: at, topic, knows, message, act, yes/no, and "gap" for a row marked as one.</summary>
    internal static TheoryData<string, string, string, string, string, string, string> Rows(string file)
    {
        var groups = new DeserializerBuilder().Build()
            .Deserialize<List<Dictionary<string, object>>>(TestClock.Expand(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Acts", file))));
        var rows = new TheoryData<string, string, string, string, string, string, string>();
        foreach (var group in groups)
        {
            var knows = group.TryGetValue("knows", out var k) && k is Dictionary<object, object> known
                ? string.Join(";", known.Select(kv => $"{kv.Key}={kv.Value}"))
                : "";
            // A group whose words hold only at some time of day says when it happens (as a conversation's `now` does).
            if (group.TryGetValue("now", out var now))
            {
                knows = string.Join(";", new[] { knows, $"now={now}" }.Where(part => part.Length > 0));
            }
            foreach (var row in ((List<object>)group["rows"]).Cast<List<object>>())
            {
                // A row ending in "gap" is one the interpreter does not yet get right (it must fail, so a fix shows).
                var gap = (string)row[^1] == Gap;
                var values = gap ? row[..^1] : row;
                rows.Add((string)group["at"], (string)group["topic"], knows, (string)values[0], (string)values[1], values.Count > 2 ? (string)values[2] : "", gap ? Gap : "");
            }
        }
        return rows;
    }

    private const string Gap = "gap";

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_message_is_one_dialogue_act(string at, string topic, string knows, string message, string act, string yesNo, string gap)
    {
        if (gap == Gap)
        {
            var failure = await Record.ExceptionAsync(() => CheckAsync(at, topic, knows, message, act, yesNo));
            Assert.True(failure is not null, $"at {at} '{message}' is marked as a gap but is now read as {act}: remove the mark.");
            return;
        }
        await CheckAsync(at, topic, knows, message, act, yesNo);
    }

    private static async Task CheckAsync(string at, string topic, string knows, string message, string act, string yesNo)
    {
        var (decided, signals) = await InterpretAsync(at, topic, knows, message);

        Assert.True(act == decided.ToString(), $"at {at} ({topic}) '{message}' is {act}, the interpreter took it for {decided} (answer {signals.Answer?.ToString() ?? "none"})");
        if (yesNo.Length > 0)
        {
            Assert.True((yesNo is "yes" or "true" or "True") == signals.Answer, $"at {at} '{message}' answers {yesNo}, read as {signals.Answer?.ToString() ?? "neither"}");
        }
    }

    /// <summary>A message at a question of a flow, with what the customer already told (knows), read and interpreted.</summary>
    internal static async Task<(DialogueAct Act, TurnSignals Signals)> InterpretAsync(string at, string topic, string knows, string message)
    {
        var services = Services.Value;
        var known = new FlowSlots { TopicId = topic };
        var moment = TestClock.Now;
        foreach (var (key, value) in knows.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => (kv.Split('=')[0], kv.Split('=', 2)[1])))
        {
            switch (key)
            {
                case "usageDate":
                    known.UsageDate = DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "car":
                    known.CarNumber = value;
                    break;
                case "now":
                    moment = TestClock.Read(value);
                    break;
                case "lot":
                    var lot = await services.GetRequiredService<LotDirectory>().FindAsync(value);
                    known.LotIds = [.. lot?.LotIds ?? []];
                    known.LotSaid = lot?.Said ?? value;
                    break;
            }
        }
        var activity = Activity.CreateMessageActivity();
        activity.Text = message;
        activity.ChannelId = Channels.Test;
        activity.LocalTimestamp = moment;
        using var turn = new TurnContext(new TestAdapter(), activity);
        var place = new TurnPlace(at, known);
        var signals = (await services.GetRequiredService<TurnReader>().ReadAsync(turn, place, CancellationToken.None))!;

        return (TurnInterpreter.Interpret(signals, place), signals);
    }
}

/// <summary>A waiting customer's message: leaving the queue in words, or something for the agent.</summary>
public class WaitingMessageTests
{
    private static readonly Lazy<IServiceProvider> Services = new(() => BotFactory.Create().Services);

    [Theory]
    [InlineData("상담 취소", true)]
    [InlineData("됐어요 그만 기다릴래요", true)]
    [InlineData("아 됐어요 안 기다려요", true)]
    [InlineData("안기다릴래요 그냥 나갈게요", true)]
    [InlineData("됐어요 안 기다릴래요 딴 데 알아볼게요", true)]
    [InlineData("저 이제 운전해야 해서요, 더 이상 안 기다릴게요. 나중에 다시 문의할게요", true)]
    [InlineData("기다릴게요", false)]
    [InlineData("문자 언제 와요", false)]
    [InlineData("결제 취소해 주세요", false)]
    [InlineData("예약 취소됐는데 결제는 그대로예요 이거 확인해 주시고 나중에 다시 연락 주세요 부탁드립니다 꼭이요 제발요", false)]
    public void Leaving_the_queue_in_words(string text, bool leaves)
    {
        var messages = Services.Value.GetRequiredService<ParkingBot.Handoff.Relay.IHandoffCustomerMessages>();
        Assert.Equal(leaves, messages.IsCancelRequest(text));
    }
}

/// <summary>How a message that opens an inquiry is answered (<see cref="OpeningDecision.For"/>), as a table.</summary>
public class OpeningDecisionTests
{
    [Theory]
    // intent, vague topics, topic from the words, likeliest topics → kind, topics, explain first, not understood
    [InlineData("None", "TicketNotApplied,TicketPaymentTiming", "", "", OpeningKind.OfferTopics, "TicketNotApplied,TicketPaymentTiming", false, false)]
    [InlineData("UnusedCharge", "", "UnusedCharge", "", OpeningKind.StartTopic, "UnusedCharge", false, false)]
    [InlineData("None", "", "ValetUnusedCharge", "UnusedCharge,ValetUnusedCharge", OpeningKind.StartTopic, "ValetUnusedCharge", false, false)]
    [InlineData("Cancel", "", "", "", OpeningKind.NothingToCancel, "", false, false)]
    [InlineData("Greeting", "", "", "UnusedCharge,DoublePayment", OpeningKind.ShowMenu, "", false, false)]
    [InlineData("Help", "", "", "", OpeningKind.ShowMenu, "", true, false)]
    [InlineData("Help", "", "", "UnusedCharge,DoublePayment", OpeningKind.OfferTopics, "UnusedCharge,DoublePayment", true, false)]
    [InlineData("None", "", "", "UnusedCharge,DoublePayment", OpeningKind.OfferTopics, "UnusedCharge,DoublePayment", false, true)]
    [InlineData("None", "", "", "", OpeningKind.ShowMenu, "", false, true)]
    public void An_opening_message_is_answered_by_the_policy(string intent, string vague, string fromWords, string likely,
        OpeningKind kind, string topics, bool explainFirst, bool notUnderstood)
    {
        static IReadOnlyList<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var decision = OpeningDecision.For(new OpeningSignals(intent, List(vague), fromWords.Length > 0 ? fromWords : null, List(likely)));

        Assert.Equal(kind, decision.Kind);
        Assert.Equal(List(topics), decision.Topics);
        Assert.Equal(explainFirst, decision.ExplainFirst);
        Assert.Equal(notUnderstood, decision.NotUnderstood);
    }
}

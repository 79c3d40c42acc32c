using ParkingBot.Framework.Analytics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Store;
using ParkingBot.Parking.Operations;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Runs every customer-language conversation in Conversations/*.yaml against the real bot and checks outcomes, not
/// wording: what the bot waits for after each message, what it must never ask, the operations done, the case opened,
/// and the facts its replies must (and must never) state.
/// </summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class ConversationTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conversations");

    /// <summary>Every other conversation file, from the first (<paramref name="half"/> 0) or the second (1).</summary>
    public static TheoryData<string> Files(int half) =>
        [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order().Where((_, i) => i % 2 == half)];

    [Theory]
    [MemberData(nameof(Files), 0)]
    public Task Conversation(string file) => RunFileAsync(file);

    internal static async Task RunFileAsync(string file)
    {
        var conversation = Infrastructure.Conversation.Load(Path.Combine(Folder, file));
        if (conversation.KnownGap is { } gap)
        {
            var failure = await Record.ExceptionAsync(() => RunAsync(file, conversation));
            Assert.True(failure is not null, $"{file} is marked as a known gap ({gap}) but now passes: remove knownGap.");
            return;
        }
        await RunAsync(file, conversation);
    }

    private static async Task RunAsync(string file, Infrastructure.Conversation conversation)
    {
        var kakao = conversation.Channel == "kakao";
        Assert.True(kakao || conversation.Channel == "web", $"{file}: channel is web or kakao, not {conversation.Channel}");
        var channelId = kakao ? Channels.Kakao : Channels.Test;
        var said = new List<string>();
        var (client, services) = kakao ? KakaoConversation(conversation, said) : BotFactory.Create(userId: conversation.Customer, clock: conversation.Clock());
        // On KakaoTalk the skill names the conversation after the customer (Kakao numbers no conversation).
        var at = new Chat(channelId, kakao ? conversation.Customer : client.ConversationId);
        var asked = new HashSet<string>();
        foreach (var (step, number) in conversation.Steps.Select((s, i) => (s, i + 1)))
        {
            await (step.Attach is { } name ? client.UserSendsAsync(WithAttachment(name)) : client.UserSaysAsync(step.User!));
            var replies = new List<string>();
            while (client.GetNextReply() is { } reply)
            {
                replies.Add($"[{reply.ResponseKey() ?? reply.Type + " " + reply.Name}] {reply.Text}");
                if (!kakao)
                {
                    said.Add(reply.Text ?? "");
                    said.AddRange(reply.SuggestedActionTitles());
                }
            }
            var waitingFor = await WaitingForAsync(services, at);
            if (waitingFor is not ("agent" or "none"))
            {
                asked.Add(waitingFor);
            }
            Assert.True(step.Then == waitingFor,
                $"{file} step {number} ({step}): the bot should wait for '{step.Then}' but waits for '{waitingFor}'. It said:\n  {string.Join("\n  ", replies)}");
        }
        await CheckOutcomeAsync(file, conversation.Outcome, services, at, said, asked);
        await CheckEventsAsync(file, conversation, services);
    }

    /// <summary>
    /// The outcome record of the conversation agrees with what happened: every ending follows its start, the topic run is
    /// recorded, a case opened is recorded with its reasons and a flow handed off only when a case was opened; and nothing
    /// the customer wrote is in it.
    /// </summary>
    private static async Task CheckEventsAsync(string file, Infrastructure.Conversation conversation, IServiceProvider services)
    {
        var events = await services.GetRequiredService<ConversationEvents>().ReadAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var started = events.Where(e => e.Kind == ConversationEventKinds.TopicStarted).Select(e => e.Key[..^":start".Length]).ToHashSet();
        foreach (var ended in events.Where(e => e.Kind == ConversationEventKinds.FlowEnded))
        {
            Assert.True(started.Contains(ended.Key[..^":end".Length]), $"{file}: {ended.Flow} ended ({ended.Ending}) without a start");
        }
        if (conversation.Outcome.Topic is { } topic && topic != "AgentRequest" && topic != "none")
        {
            Assert.True(events.Any(e => e.Kind == ConversationEventKinds.TopicStarted && e.Flow == topic), $"{file}: no {topic} run recorded");
        }
        var opened = events.Where(e => e.Kind == ConversationEventKinds.HandoffOpened).ToList();
        var latest = (await services.GetRequiredService<IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue)).OrderBy(c => c.CreatedAt).LastOrDefault();
        Assert.True((latest is null) == (opened.Count == 0), $"{file}: case opened: {latest is not null}, recorded: {opened.Count}");
        if (latest is not null)
        {
            Assert.Equal(string.Join(",", latest.Reasons), opened.Last().Reason);
        }
        var handedOff = events.Where(e => e.Ending == nameof(FlowEnding.HandedOff)).ToList();
        Assert.True(handedOff.Count == 0 || opened.Count > 0, $"{file}: a flow ended HandedOff but no case was opened");
        if (conversation.Outcome.Csat is { } csat)
        {
            var rated = events.LastOrDefault(e => e.Kind == ConversationEventKinds.CsatAnswered)?.Score?.ToString() ?? "none";
            Assert.True(csat == rated, $"{file}: the rating recorded is {rated}, expected {csat}");
        }
        var customerTexts = conversation.Steps.Select(step => step.User).OfType<string>().Where(text => text.Trim().Length >= 4).ToList();
        foreach (var e in events)
        {
            // A case's category (the Detail of handoffOpened) is agent-facing text from agent-texts.ko.yaml, not the customer's.
            var detail = e.Kind == ConversationEventKinds.HandoffOpened ? null : e.Detail;
            foreach (var field in new[] { e.Flow, e.Ending, e.Reason, detail }.OfType<string>())
            {
                Assert.False(customerTexts.Any(text => field.Contains(text.Trim(), StringComparison.Ordinal)), $"{file}: an event holds what the customer wrote: {field}");
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(field, @"\d{2,3}\s?[가-힣]\s?\d{4}|01\d-?\d{3,4}-?\d{4}"), $"{file}: an event holds a car or phone number: {field}");
            }
        }
    }

    /// <summary>"agent" while a case is open, else the question the bot asks (its expecting), else "none".</summary>
    /// <summary>Where the conversation is kept: its channel and its id there.</summary>
    private sealed record Chat(string ChannelId, string ConversationId);

    private static async Task<string> WaitingForAsync(IServiceProvider services, Chat at)
    {
        if (await services.GetRequiredService<IHandoffCaseStore>().FindOpenAsync(at.ChannelId, at.ConversationId) is not null)
        {
            return "agent";
        }
        var state = await ConversationStateAsync(services, at);
        var dialogs = state?["DialogState"]?.Deserialize<DialogState>(Framework.Schema.BotJson.Options) ?? new DialogState();
        return Expecting.Of(dialogs) ?? (dialogs.DialogStack.Count == 0 ? "none" : "unnamed question");
    }

    private static async Task<System.Text.Json.Nodes.JsonObject?> ConversationStateAsync(IServiceProvider services, Chat at)
    {
        var key = $"{at.ChannelId}/conversations/{at.ConversationId}";
        var items = await services.GetRequiredService<IStorage>().ReadAsync([key]);
        return items.TryGetValue(key, out var item) ? item.Document : null;
    }

    private static async Task CheckOutcomeAsync(string file, ConversationOutcome expected, IServiceProvider services, Chat at,
        List<string> said, HashSet<string> asked)
    {
        // Every case, whatever became of it (a customer may have left the queue).
        var latest = (await services.GetRequiredService<IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue)).OrderBy(c => c.CreatedAt).LastOrDefault();
        if (expected.CaseStatus is { } status)
        {
            Assert.True(status == latest?.Status.ToString(), $"{file}: the case is {latest?.Status.ToString() ?? "not opened"}, expected {status}");
        }
        if (expected.Topic is { } topic)
        {
            var slots = (await ConversationStateAsync(services, at))?["FlowSlots"]?.Deserialize<FlowSlots>(Framework.Schema.BotJson.Options);
            var ran = latest?.Reasons.Contains(ParkingBot.Handoff.Cases.HandoffReason.CustomerRequest) == true ? "AgentRequest" : slots?.TopicId ?? "none";
            Assert.True(topic == ran, $"{file}: the bot should have run {topic}, it ran {ran}.");
        }
        if (expected.Operations is { } operations)
        {
            var done = (await services.GetRequiredService<IParkingOperations>().GetOperationsAsync()).Select(o => o.Kind.ToString()).ToList();
            Assert.True(operations.SequenceEqual(done), $"{file}: expected operations [{string.Join(", ", operations)}], the store has [{string.Join(", ", done)}]");
        }
        switch (expected.Handoff)
        {
            case string none when none == "none":
                Assert.True(latest is null, $"{file}: no case should be opened, but one was ({string.Join(", ", latest?.Reasons ?? [])}: {latest?.Summary})");
                break;
            case Dictionary<object, object> handoff:
                Assert.True(latest is not null, $"{file}: a case should be opened, none was.");
                if (handoff.TryGetValue("reasons", out var reasons))
                {
                    var want = ((List<object>)reasons).Select(r => r.ToString()).ToList();
                    Assert.True(want.Order().SequenceEqual(latest.Reasons.Select(r => r.ToString()).Order()), $"{file}: case reasons [{string.Join(", ", latest.Reasons)}], expected [{string.Join(", ", want)}]");
                }
                foreach (var slot in new[] { "usageDate", "lot" })
                {
                    if (handoff.TryGetValue(slot, out var value))
                    {
                        Assert.True(latest.Slots.TryGetValue(slot, out var actual) && actual == value.ToString(), $"{file}: case slot {slot} is '{actual}', expected '{value}'");
                    }
                }
                break;
        }
        foreach (var question in expected.NeverAsked)
        {
            Assert.False(asked.Contains(question), $"{file}: the bot asked '{question}', which the customer had already answered.");
        }
        var all = string.Join("\n", said);
        foreach (var fact in expected.Mentions)
        {
            Assert.True(all.Contains(fact, StringComparison.Ordinal), $"{file}: the bot never said '{fact}'. It said:\n{all}");
        }
        foreach (var fact in expected.NeverMentions)
        {
            Assert.False(all.Contains(fact, StringComparison.Ordinal), $"{file}: the bot said '{fact}', which it must not.");
        }
    }

    /// <summary>
    /// The conversation through the KakaoTalk skill: what the customer sees is what the skill's responses show (their
    /// bubbles, card buttons and quick replies), gathered into <paramref name="shown"/>.
    /// </summary>
    private static (Testing.DialogTestClient, IServiceProvider) KakaoConversation(Infrastructure.Conversation conversation, List<string> shown)
    {
        var (client, services, skill) = KakaoSkillBot.Create(null, conversation.Customer, conversation.Clock());
        skill.OnResponse = (_, response, _) =>
        {
            foreach (var output in response["template"]?["outputs"]?.AsArray() ?? [])
            {
                shown.Add(output?["simpleText"]?["text"]?.GetValue<string>() ?? output?["textCard"]?["description"]?.GetValue<string>() ?? "");
                shown.AddRange((output?["textCard"]?["buttons"]?.AsArray() ?? []).Select(b => b?["label"]?.GetValue<string>() ?? ""));
            }
            shown.AddRange((response["template"]?["quickReplies"]?.AsArray() ?? []).Select(q => q?["messageText"]?.GetValue<string>() ?? ""));
        };
        return (client, services);
    }

    private static Activity WithAttachment(string name)
    {
        var message = Activity.CreateMessageActivity();
        var type = name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg";
        message.Attachments = [new Attachment { Name = name, ContentType = type, ContentUrl = $"https://files.example/{name}" }];
        return message;
    }
}

/// <summary>
/// The other half of the conversations: xUnit runs the cases of one class one after another, so the two halves in two
/// classes run side by side.
/// </summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class ConversationTestsSecondHalf
{
    [Theory]
    [MemberData(nameof(ConversationTests.Files), 1, MemberType = typeof(ConversationTests))]
    public Task Conversation(string file) => ConversationTests.RunFileAsync(file);
}

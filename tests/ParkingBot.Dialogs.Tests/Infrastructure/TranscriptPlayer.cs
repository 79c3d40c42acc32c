using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Parking.Operations;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>Plays a YAML transcript against a bot: the customer's steps are sent, the bot's replies and the checks asserted.</summary>
public static class TranscriptPlayer
{
    /// <summary>
    /// Plays the transcript's steps from <paramref name="from"/> (0-based): sends the customer's, checks the bot's replies
    /// and the checks. <paramref name="beforeCustomerStep"/> runs before each customer step (a release, a restart);
    /// <paramref name="afterCustomerStep"/> sees the replies of each customer step, as the channel gets them. Where the
    /// channel does not carry file names (KakaoTalk's image plugin), <paramref name="attachmentNames"/> is false and only
    /// the number of the case's attachments is checked.
    /// </summary>
    public static async Task PlayAsync(string file, Transcript transcript, (DialogTestClient Client, IServiceProvider Services) bot, int from = 0,
        Func<Task>? beforeCustomerStep = null, Action<string, IReadOnlyList<Framework.Schema.Activity>>? afterCustomerStep = null, bool attachmentNames = true)
    {
        var (client, services) = bot;

        foreach (var (step, number) in transcript.Steps.Select((s, i) => (s, i + 1)).Skip(from))
        {
            var where = $"{file} step {number} ({step})";
            if (step.IsCheck)
            {
                await CheckAsync(step, services, where, attachmentNames);
                continue;
            }
            if (step.Join || step.User is not null || step.Attach is not null)
            {
                Assert.True(client.Adapter.PendingReplies.Count == 0,
                    $"{where}: the bot said more than the transcript expects: {string.Join(", ", client.Adapter.PendingReplies.Select(r => r.ResponseKey() ?? r.Text))}");
                if (beforeCustomerStep is not null)
                {
                    await beforeCustomerStep();
                }
                await (step.Join ? client.UserJoinsAsync()
                    : step.Attach is { } sent ? client.UserSendsAsync(WithAttachment(sent))
                    : client.UserSaysAsync(step.User!));
                afterCustomerStep?.Invoke(where, [.. client.Adapter.PendingReplies]);
                continue;
            }
            var reply = client.GetNextReply();
            Assert.True(reply is not null, $"{where}: expected '{step.Bot ?? step.Event}', but the bot said nothing more.");
            if (step.Event is not null)
            {
                Assert.True(reply.Type == "event" && reply.Name == step.Event, $"{where}: expected the event '{step.Event}', got {reply.Type} '{reply.Name ?? reply.ResponseKey()}'");
                continue;
            }
            Assert.True(step.Bot == reply.ResponseKey(), $"{where}: expected '{step.Bot}', got '{reply.ResponseKey() ?? reply.Type + " " + reply.Name}': {reply.Text}");
            if (step.Text is not null)
            {
                Assert.Equal(step.Text, reply.Text);
            }
            if (step.Contains is not null)
            {
                Assert.Contains(step.Contains, reply.Text);
            }
            if (step.SuggestedActions is not null)
            {
                Assert.Equal(step.SuggestedActions, reply.SuggestedActionTitles());
            }
        }
        Assert.True(client.Adapter.PendingReplies.Count == 0, $"{file}: the bot said more at the end than the transcript expects.");
    }

    public static Framework.Schema.Activity WithAttachment(TranscriptAttachment file)
    {
        var message = Framework.Schema.Activity.CreateMessageActivity();
        message.Attachments = [new Framework.Schema.Attachment { Name = file.Name, ContentType = file.ContentType, ContentUrl = file.Url }];
        return message;
    }

    private static async Task CheckAsync(TranscriptStep step, IServiceProvider services, string where, bool attachmentNames)
    {
        if (step.Operations is { } expected)
        {
            var done = await services.GetRequiredService<IParkingOperations>().GetOperationsAsync();
            Assert.True(expected.SequenceEqual(done.Select(o => o.Kind.ToString())),
                $"{where}: expected operations [{string.Join(", ", expected)}], the store has [{string.Join(", ", done.Select(o => $"{o.Kind}:{o.UsageId ?? o.LotId}"))}]");
        }
        if (step.Case is { } expectedCase)
        {
            var cases = await services.GetRequiredService<ParkingBot.Handoff.Store.IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue);
            var latest = cases.OrderBy(c => c.CreatedAt).LastOrDefault();
            Assert.True(latest is not null, $"{where}: no handoff case was opened");
            Assert.Equal(expectedCase.Reasons, latest.Reasons.Select(r => r.ToString()));
            if (expectedCase.Category is not null)
            {
                Assert.StartsWith(expectedCase.Category, latest.Category);
            }
            if (expectedCase.Attachments is { } names)
            {
                if (attachmentNames)
                {
                    Assert.Equal(names, latest.Attachments.Select(a => a.Name));
                }
                else
                {
                    Assert.True(names.Count == latest.Attachments.Count, $"{where}: {latest.Attachments.Count} attachments on the case, expected {names.Count}");
                }
            }
            foreach (var (name, value) in expectedCase.Slots)
            {
                Assert.True(latest.Slots.TryGetValue(name, out var actual) && actual == value, $"{where}: slot {name} is '{actual}', expected '{value}'");
            }
        }
    }
}

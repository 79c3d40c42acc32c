using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>Runs every conversation in Transcripts/*.yaml against the real bot.</summary>
public class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript(string file)
    {
        var transcript = Infrastructure.Transcript.Load(Path.Combine(Folder, file));
        var client = BotFactory.CreateClient(transcript.Settings);

        foreach (var (step, number) in transcript.Steps.Select((s, i) => (s, i + 1)))
        {
            var where = $"{file} step {number} ({step})";
            if (step.Join || step.User is not null)
            {
                Assert.True(client.Adapter.PendingReplies.Count == 0,
                    $"{where}: the bot said more than the transcript expects: {string.Join(", ", client.Adapter.PendingReplies.Select(r => r.ResponseKey() ?? r.Text))}");
                await (step.Join ? client.UserJoinsAsync() : client.UserSaysAsync(step.User!));
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
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Every conversation of Transcripts/*.yaml walked through the KakaoTalk skill's own code, each customer step a
/// SkillPayload in Open Builder's shape: the same outcomes (the bot's answers by key, operations, cases) as on every other
/// channel, and every skill response keeps Kakao's limits — written out here, not taken from the renderer — shows the
/// bot's sentences in order and offers its choices as quick replies.
/// </summary>
public sealed partial class KakaoTranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static TheoryData<string> Files() => TranscriptTests.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_through_the_KakaoTalk_skill(string file)
    {
        var transcript = Transcript.Load(Path.Combine(Folder, file));
        var (client, services, skill) = KakaoSkillBot.Create(transcript.Settings, transcript.UserId);
        var unshown = new List<string>();
        var responses = 0;
        skill.OnResponse = (said, response, replies) =>
        {
            CheckResponse($"{file} after '{said}'", response, replies, unshown);
            responses++;
        };

        await TranscriptPlayer.PlayAsync(file, transcript, (client, services), attachmentNames: false);

        Assert.Equal(transcript.Steps.Count(s => s.User is not null || s.Attach is not null), responses);
    }

    private static void CheckResponse(string where, JsonObject response, IReadOnlyList<Activity> replies, List<string> unshown)
    {
        Assert.Equal("2.0", response["version"]?.GetValue<string>());
        var outputs = response["template"]!["outputs"]!.AsArray();
        Assert.True(outputs.Count is >= 1 and <= 3, $"{where}: {outputs.Count} bubbles");
        var shown = new List<string>();
        foreach (var output in outputs)
        {
            var text = output!["simpleText"]?["text"]?.GetValue<string>();
            var card = output["textCard"];
            Assert.True((text?.Length ?? 0) <= 1000 && (card?["description"]?.GetValue<string>().Length ?? 0) <= 400, $"{where}: a bubble over Kakao's limits");
            var buttons = card?["buttons"]?.AsArray() ?? [];
            Assert.True(buttons.Count <= 3 && buttons.All(b => b!["label"]!.GetValue<string>().Length <= 14), $"{where}: card buttons over Kakao's limits");
            shown.AddRange(Sentences(text ?? card?["description"]?.GetValue<string>() ?? ""));
        }
        var quickReplies = response["template"]!["quickReplies"]?.AsArray() ?? [];
        Assert.True(quickReplies.Count <= 10 && quickReplies.All(q => q!["label"]!.GetValue<string>().Length is > 0 and <= 14), $"{where}: quick replies over Kakao's limits");

        // What the bot said (after what an earlier 'more' left unshown) is shown in order; the channel may add its own sentences.
        var said = unshown.Concat(replies.Where(r => r.IsType(ActivityTypes.Message)).SelectMany(r => Sentences(r.Text ?? ""))).ToList();
        var more = quickReplies.Any(q => KakaoRenderer.AsksForMore(q!["extra"] as JsonObject));
        var position = 0;
        var matched = 0;
        foreach (var sentence in said)
        {
            var at = shown.IndexOf(sentence, position);
            if (at < 0)
            {
                Assert.True(more, $"{where}: '{sentence}' is not shown on KakaoTalk and nothing waits behind 'more'");
                break;
            }
            position = at + 1;
            matched++;
        }
        unshown.Clear();
        unshown.AddRange(said.Skip(matched));
        if (!more)
        {
            var choices = replies.LastOrDefault(r => r.IsType(ActivityTypes.Message))?.SuggestedActions?.Actions
                .Select(a => a.Value?.GetValue<string>() ?? a.Title!).Take(10).ToList() ?? [];
            Assert.True(choices.SequenceEqual(quickReplies.Select(q => q!["messageText"]!.GetValue<string>())),
                $"{where}: quick replies [{string.Join(", ", quickReplies.Select(q => q!["messageText"]))}], choices [{string.Join(", ", choices)}]");
        }
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?。…])[ \t]+|\n+")]
    private static partial Regex SentenceEnd();
}

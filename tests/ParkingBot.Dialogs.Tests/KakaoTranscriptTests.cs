using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Every conversation of Transcripts/*.yaml on the KakaoTalk channel, through the real turn runner: the same outcomes
/// (the bot's answers, operations, cases) as on every other channel, and each turn's replies, rendered for KakaoTalk,
/// keep Kakao's limits and show every sentence the bot said, in order, with its choices as quick replies.
/// </summary>
public sealed partial class KakaoTranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");
    private static readonly ResponseScripts Scripts = ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));
    private static readonly KakaoRenderer Renderer = new(DialogsServiceCollectionExtensions.KakaoTextsOf(Scripts));

    public static TheoryData<string> Files() => TranscriptTests.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_on_KakaoTalk(string file)
    {
        var transcript = Transcript.Load(Path.Combine(Folder, file));
        var bot = BotFactory.Create(transcript.Settings, userId: transcript.UserId, throughTurnRunner: true, channelId: Channels.Kakao);

        await TranscriptPlayer.PlayAsync(file, transcript, bot, afterCustomerStep: RenderedForKakao);
    }

    private static void RenderedForKakao(string where, IReadOnlyList<Activity> replies)
    {
        var shown = new List<string>();
        IReadOnlyList<QuickReply> lastQuickReplies = [];
        IReadOnlyList<Activity> pending = replies;
        for (var page = 0; pending.Count > 0 || page == 0; page++)
        {
            Assert.True(page < 20, $"{where}: 'more' never ends");
            var rendering = Renderer.Render(pending);
            var template = rendering.Response.Template!;
            Assert.True(rendering.Response.Version == "2.0" && template.Outputs.Count is >= 1 and <= 3, $"{where}: {template.Outputs.Count} bubbles");
            foreach (var output in template.Outputs)
            {
                Assert.True((output.SimpleText?.Text.Length ?? 0) <= 1000 && (output.TextCard?.Description?.Length ?? 0) <= 400
                    && (output.TextCard?.Buttons.Count ?? 0) <= 3 && (output.TextCard?.Buttons.All(b => b.Label.Length <= 14) ?? true), $"{where}: a bubble over Kakao's limits");
                shown.AddRange(Sentences(output.SimpleText?.Text ?? output.TextCard?.Description ?? ""));
            }
            lastQuickReplies = template.QuickReplies ?? [];
            Assert.True(lastQuickReplies.Count <= 10 && lastQuickReplies.All(q => q.Label.Length is > 0 and <= 14), $"{where}: quick replies over Kakao's limits");
            pending = rendering.Rest;
        }
        // Every sentence the bot said is shown, in order (the channel may add its own, such as the handover guide).
        var said = replies.Where(r => r.IsType(ActivityTypes.Message)).SelectMany(r => Sentences(r.Text ?? "")).ToList();
        var position = 0;
        foreach (var sentence in said)
        {
            var at = shown.IndexOf(sentence, position);
            Assert.True(at >= 0, $"{where}: '{sentence}' is not shown on KakaoTalk");
            position = at + 1;
        }
        var choices = replies.LastOrDefault(r => r.IsType(ActivityTypes.Message))?.SuggestedActions?.Actions.Select(a => a.Value?.GetValue<string>() ?? a.Title!).Take(10).ToList() ?? [];
        Assert.True(choices.SequenceEqual(lastQuickReplies.Select(q => q.MessageText)), $"{where}: quick replies [{string.Join(", ", lastQuickReplies.Select(q => q.MessageText))}], choices [{string.Join(", ", choices)}]");
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?。…])[ \t]+|\n+")]
    private static partial Regex SentenceEnd();
}

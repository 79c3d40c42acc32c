using System.Text;
using System.Text.Json.Nodes;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Tests.Kakao;

/// <summary>A turn's replies rendered for KakaoTalk: within every limit, nothing cut mid-sentence, nothing lost.</summary>
public sealed class KakaoRendererTests
{
    private static readonly KakaoTexts Texts = new("확인하고 있어요.", "조금 더 걸려요.", "더 보기", "더 없어요.", "바로가기", "전화하기", "상담직원 연결을 눌러 주세요.", "상담직원 연결");
    private readonly KakaoRenderer _renderer = new(Texts);

    private static Activity Message(string text, params string[] actions)
    {
        var message = Activity.CreateMessageActivity(text);
        if (actions.Length > 0)
        {
            message.SuggestedActions = new SuggestedActions { Actions = [.. actions.Select(a => CardAction.ImBack(a))] };
        }
        return message;
    }

    [Fact]
    public void A_turns_messages_share_bubbles_and_the_last_ones_actions_become_quick_replies()
    {
        var rendering = _renderer.Render([Message("주차장 이름을 말씀해 주세요."), Activity.CreateEventActivity("handoff.status"), Message("예: 강남역 공영주차장", "강남역 공영주차장", "처음으로")]);

        var output = Assert.Single(rendering.Response.Template!.Outputs);
        Assert.Equal("주차장 이름을 말씀해 주세요.\n\n예: 강남역 공영주차장", output.SimpleText!.Text);
        Assert.Equal(["강남역 공영주차장", "처음으로"], rendering.Response.Template.QuickReplies!.Select(q => q.MessageText));
        Assert.Equal("2.0", rendering.Response.Version);
        Assert.Empty(rendering.Rest);
    }

    [Fact]
    public void A_long_label_is_shortened_but_tapping_it_sends_the_whole_value()
    {
        var rendering = _renderer.Render([Message("고르세요.", "이용하지 않은 요금이 결제되었어요")]);

        var reply = Assert.Single(rendering.Response.Template!.QuickReplies!);
        Assert.Equal(("이용하지 않은 요금이 결…", "이용하지 않은 요금이 결제되었어요", "message"), (reply.Label, reply.MessageText, reply.Action));
        Assert.True(reply.Label.Length <= 14);
    }

    [Fact]
    public void Links_and_phone_numbers_become_buttons_of_a_card()
    {
        var rendering = _renderer.Render([Message("예약 취소는 https://t.kakao.com/launch?page=order 에서 하실 수 있어요. 급하시면 1588-1234로 전화 주세요.")]);

        var card = Assert.Single(rendering.Response.Template!.Outputs).TextCard!;
        Assert.Contains("https://t.kakao.com/launch?page=order", card.Description);
        Assert.Equal([("webLink", "https://t.kakao.com/launch?page=order", (string?)null), ("phone", null, "1588-1234")],
            card.Buttons.Select(b => (b.Action, b.WebLinkUrl, b.PhoneNumber)));
        Assert.Equal(["바로가기", "전화하기"], card.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void What_does_not_fit_in_three_bubbles_waits_behind_more()
    {
        var card = "자세한 내용은 https://example.kakao.com/a 를 보세요.";
        var rendering = _renderer.Render([Message(card), Message("둘째."), Message(card), Message("넷째."), Message(card, "예", "아니요")]);

        Assert.Equal(3, rendering.Response.Template!.Outputs.Count);
        var more = Assert.Single(rendering.Response.Template.QuickReplies!);
        Assert.Equal("더 보기", more.Label);
        Assert.True(KakaoRenderer.AsksForMore(more.Extra));
        var next = _renderer.Render(rendering.Rest);
        Assert.Equal(["넷째."], next.Response.Template!.Outputs.Where(o => o.SimpleText is not null).Select(o => o.SimpleText!.Text));
        Assert.Equal(["예", "아니요"], next.Response.Template.QuickReplies!.Select(q => q.MessageText));
    }

    [Fact]
    public void A_turn_that_hands_over_ends_with_KakaoTalks_operator_button()
    {
        var initiate = Activity.CreateEventActivity("handoff.initiate", new JsonObject { ["caseId"] = "H1" });

        var rendering = _renderer.Render([Message("상담원을 연결해 드리겠습니다.", "상담 취소"), initiate]);

        var outputs = rendering.Response.Template!.Outputs;
        Assert.Equal("상담원을 연결해 드리겠습니다.", outputs[0].SimpleText!.Text);
        var button = Assert.Single(outputs[1].TextCard!.Buttons);
        Assert.Equal(("operator", "상담직원 연결"), (button.Action, button.Label));
        Assert.Equal("상담직원 연결을 눌러 주세요.", outputs[1].TextCard!.Description);
    }

    [Fact]
    public void Nothing_to_show_says_so_instead_of_an_empty_response()
    {
        var rendering = _renderer.Render([]);

        Assert.Equal("더 없어요.", Assert.Single(rendering.Response.Template!.Outputs).SimpleText!.Text);
    }

    [Fact]
    public void Texts_are_cut_between_sentences_and_a_run_without_spaces_only_where_it_must()
    {
        var sentence = new string('가', 300) + "요. ";
        var chunks = KakaoText.Chunks(string.Concat(Enumerable.Repeat(sentence, 5)), 1000);

        Assert.Equal([3, 2], chunks.Select(c => c.Split("요.").Length - 1));
        Assert.All(chunks, c => Assert.EndsWith("요.", c));
        Assert.Equal([1000, 200], KakaoText.Chunks(new string('x', 1200), 1000).Select(c => c.Length));
    }

    /// <summary>
    /// Random turns (a fixed seed, so a failure repeats): 1-6 messages of Korean sentences up to 3,500 characters with
    /// links and phone numbers, 0-14 actions with titles up to 30 characters. Every response keeps Kakao's limits, every
    /// text shown is whole sentences of the original, and what is shown plus what waits behind 'more' is everything.
    /// </summary>
    [Fact]
    public void Every_rendering_keeps_the_limits_and_loses_no_sentence()
    {
        var random = new Random(20261130);
        for (var run = 0; run < 400; run++)
        {
            var messages = Enumerable.Range(0, random.Next(1, 7)).Select(_ => RandomMessage(random)).ToList();
            var shown = new List<string>();
            IReadOnlyList<Activity> pending = messages;
            for (var page = 0; pending.Count > 0; page++)
            {
                Assert.True(page < 50, "'more' never ends");
                var rendering = _renderer.Render(pending);
                CheckLimits(rendering.Response);
                shown.AddRange(rendering.Response.Template!.Outputs.SelectMany(o => (o.SimpleText?.Text ?? o.TextCard?.Description ?? "").Split("\n\n")));
                pending = rendering.Rest;
            }
            var sentences = messages.SelectMany(m => Sentences(m.Text!)).ToList();
            var shownSentences = shown.SelectMany(Sentences).ToList();
            Assert.Equal(sentences, shownSentences);
        }
    }

    /// <summary>Kakao's limits, written out here (not the renderer's constants): 3 bubbles, 1,000 / 400 characters, 3 buttons, 10 quick replies, 14-character labels.</summary>
    private static void CheckLimits(SkillResponse response)
    {
        Assert.Equal("2.0", response.Version);
        var template = response.Template!;
        Assert.InRange(template.Outputs.Count, 1, 3);
        foreach (var output in template.Outputs)
        {
            Assert.Equal(1, new object?[] { output.SimpleText, output.TextCard, output.SimpleImage }.Count(o => o is not null));
            if (output.SimpleText is { } text)
            {
                Assert.InRange(text.Text.Length, 1, 1000);
            }
            if (output.TextCard is { } card)
            {
                Assert.InRange(card.Description!.Length, 1, 400);
                Assert.InRange(card.Buttons.Count, 1, 3);
                Assert.All(card.Buttons, b => Assert.InRange(b.Label.Length, 1, 14));
            }
        }
        Assert.InRange(template.QuickReplies?.Count ?? 0, 0, 10);
        Assert.All(template.QuickReplies ?? [], q => Assert.InRange(q.Label.Length, 1, 14));
    }

    private static Activity RandomMessage(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(5, 3500);
        while (text.Length < length)
        {
            text.Append(random.Next(10) switch
            {
                0 => $"자세한 안내는 https://t.kakao.com/p{random.Next(1000)} 에서 보실 수 있어요. ",
                1 => $"급하시면 1588-{random.Next(1000, 9999)}로 전화 주세요. ",
                2 => "확인해 보니 주차권이 정상적으로 결제되었어요.\n",
                _ => new string('가', random.Next(5, 120)) + (random.Next(2) == 0 ? "요. " : "니다? "),
            });
        }
        var actions = Enumerable.Range(0, random.Next(0, 15)).Select(i => $"선택 {i} " + new string('나', random.Next(0, 25))).ToArray();
        return Message(text.ToString().Trim(), actions);
    }

    /// <summary>The sentences of a text, as the renderer may cut it (after . ! ? … and spaces, or at line ends).</summary>
    private static IEnumerable<string> Sentences(string text) =>
        System.Text.RegularExpressions.Regex.Split(text.Trim(), @"(?<=[.!?。…])[ \t]+|\n+").Select(s => s.Trim()).Where(s => s.Length > 0);
}

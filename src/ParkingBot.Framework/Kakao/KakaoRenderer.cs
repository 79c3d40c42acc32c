using System.Text.Json.Nodes;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

/// <summary>What a response shows now, and the replies kept for the customer's 'more' (what did not fit in three bubbles).</summary>
public sealed record KakaoRendering(SkillResponse Response, IReadOnlyList<Activity> Rest);

/// <summary>
/// Renders a turn's replies for KakaoTalk within its limits: messages merged into at most 3 bubbles, each text at most 1,000
/// characters and cut only between sentences, links and phone numbers as buttons of a textCard, the last message's
/// suggested actions as at most 10 quick replies (labels of at most 14 characters; the full value is what tapping sends).
/// What does not fit is returned as <see cref="KakaoRendering.Rest"/> behind a 'more' quick reply. A turn that hands the
/// conversation to an agent (handoff.initiate) ends with KakaoTalk's 상담직원 연결 (operator) button, which moves the
/// customer into the channel's 1:1 chat. The dialogs never know the channel: this is the only place that does.
/// </summary>
public sealed class KakaoRenderer(KakaoTexts texts)
{
    public const int MaxOutputs = 3;
    public const int MaxText = 1000;
    public const int MaxCardDescription = 400;
    public const int MaxButtons = 3;
    public const int MaxQuickReplies = 10;
    public const int MaxLabel = 14;
    public const int MaxAltText = 50;

    /// <summary>The extra of the 'more' quick reply: a request carrying it shows the kept replies instead of running a turn.</summary>
    public const string MoreMarker = "parkingbot.more";

    /// <summary>The channelData flag of the message that carries the operator button (kept as an activity when it waits for 'more').</summary>
    private const string OperatorMarker = "kakao.operator";

    public static bool AsksForMore(JsonObject? clientExtra) => clientExtra?[MoreMarker] is JsonValue value && value.TryGetValue<bool>(out var more) && more;

    public KakaoRendering Render(IReadOnlyList<Activity> replies)
    {
        var messages = replies.Where(r => r.IsType(ActivityTypes.Message)).ToList();
        if (replies.Any(r => r.IsType(ActivityTypes.Event) && r.Name == "handoff.initiate"))
        {
            var handover = Activity.CreateMessageActivity(texts.OperatorGuide);
            handover.ChannelData = new JsonObject { [OperatorMarker] = true };
            messages.Add(handover);
        }
        var outputs = new List<SkillOutput>();
        var rest = new List<Activity>();
        for (var i = 0; i < messages.Count; i++)
        {
            var bubbles = Merge([.. outputs, .. Bubbles(messages[i])]);
            if (bubbles.Count <= MaxOutputs)
            {
                outputs = bubbles;
                continue;
            }
            if (outputs.Count == 0)
            {
                // One message longer than three bubbles: show what fits, keep the rest of its text for 'more'.
                (outputs, var remainder) = Split(messages[i], bubbles);
                rest.Add(remainder);
                rest.AddRange(messages.Skip(i + 1));
            }
            else
            {
                rest.AddRange(messages.Skip(i));
            }
            break;
        }
        if (outputs.Count == 0)
        {
            outputs.Add(new SkillOutput(SimpleText: new SimpleText(texts.NothingMore)));
        }
        var quickReplies = rest.Count > 0
            ? [new QuickReply(KakaoText.Label(texts.More, MaxLabel), "message", texts.More, new JsonObject { [MoreMarker] = true })]
            : QuickReplies(messages.LastOrDefault(m => m.ChannelData?[OperatorMarker] is null));
        return new KakaoRendering(new SkillResponse(new SkillTemplate(outputs, quickReplies.Count > 0 ? quickReplies : null)), rest);
    }

    /// <summary>The bubbles of one message: its text (as a card when it carries links or phone numbers), then its images.</summary>
    private IEnumerable<SkillOutput> Bubbles(Activity message)
    {
        var text = message.Text?.Trim() ?? "";
        if (message.ChannelData?[OperatorMarker] is not null)
        {
            yield return new SkillOutput(TextCard: new TextCard(null, KakaoText.Label(text, MaxCardDescription), [new SkillButton(KakaoText.Label(texts.Operator, MaxLabel), "operator")]));
            yield break;
        }
        var buttons = Buttons(text);
        if (buttons.Count == 0)
        {
            foreach (var chunk in KakaoText.Chunks(text, MaxText))
            {
                yield return new SkillOutput(SimpleText: new SimpleText(chunk));
            }
        }
        else
        {
            var chunks = KakaoText.Chunks(text, MaxCardDescription);
            foreach (var chunk in chunks.Take(chunks.Count - 1))
            {
                yield return new SkillOutput(SimpleText: new SimpleText(chunk));
            }
            yield return new SkillOutput(TextCard: new TextCard(null, chunks[^1], buttons));
        }
        foreach (var image in message.Attachments ?? [])
        {
            if (image.ContentUrl is { } url && image.ContentType?.StartsWith("image/", StringComparison.Ordinal) == true)
            {
                yield return new SkillOutput(SimpleImage: new SimpleImage(url, KakaoText.Label(image.Name ?? image.ContentType, MaxAltText)));
            }
        }
    }

    private List<SkillButton> Buttons(string text)
    {
        var links = KakaoText.Link().Matches(text).Select(m => m.Value.TrimEnd('.', ',')).Distinct().ToList();
        var phones = KakaoText.PhoneNumber().Matches(text).Select(m => m.Value).Distinct().ToList();
        var buttons = new List<SkillButton>();
        for (var i = 0; i < links.Count; i++)
        {
            buttons.Add(new SkillButton(KakaoText.Label(links.Count == 1 ? texts.OpenLink : $"{texts.OpenLink} {i + 1}", MaxLabel), "webLink", WebLinkUrl: links[i]));
        }
        foreach (var phone in phones)
        {
            buttons.Add(new SkillButton(KakaoText.Label(phones.Count == 1 ? texts.Call : $"{texts.Call} {phone}", MaxLabel), "phone", PhoneNumber: phone));
        }
        return buttons.Take(MaxButtons).ToList();
    }

    /// <summary>Adjacent plain texts share a bubble while the joined text stays within the limit.</summary>
    private static List<SkillOutput> Merge(List<SkillOutput> bubbles)
    {
        var merged = new List<SkillOutput>();
        foreach (var bubble in bubbles)
        {
            if (merged.Count > 0 && merged[^1].SimpleText is { } previous && bubble.SimpleText is { } next
                && previous.Text.Length + 2 + next.Text.Length <= MaxText)
            {
                merged[^1] = new SkillOutput(SimpleText: new SimpleText(previous.Text + "\n\n" + next.Text));
            }
            else
            {
                merged.Add(bubble);
            }
        }
        return merged;
    }

    /// <summary>The first three bubbles of a long message, and a message with the text they leave out (and its actions).</summary>
    private static (List<SkillOutput> Shown, Activity Remainder) Split(Activity message, List<SkillOutput> bubbles)
    {
        var shown = bubbles.Take(MaxOutputs).ToList();
        var remainder = message.Clone();
        remainder.Text = RemainingText(message.Text ?? "", shown);
        remainder.Attachments = shown.Any(b => b.SimpleImage is not null) ? null : message.Attachments;
        return (shown, remainder);
    }

    /// <summary>The message's text after the sentences the shown bubbles hold.</summary>
    private static string RemainingText(string text, IEnumerable<SkillOutput> shown)
    {
        var position = 0;
        foreach (var piece in shown.SelectMany(b => (b.SimpleText?.Text ?? b.TextCard?.Description ?? "").Split("\n\n")))
        {
            var at = text.IndexOf(piece, position, StringComparison.Ordinal);
            if (at >= 0)
            {
                position = at + piece.Length;
            }
        }
        return text[position..].Trim();
    }

    private static List<QuickReply> QuickReplies(Activity? last) =>
        (last?.SuggestedActions?.Actions ?? [])
        .Where(a => a.Title is not null || a.Value is not null)
        .Take(MaxQuickReplies)
        .Select(a =>
        {
            var value = a.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : a.Title!;
            return new QuickReply(KakaoText.Label(a.Title ?? value, MaxLabel), "message", value);
        })
        .ToList();
}

using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// Yes or no to a given question: the question's own phrases (있으신가요? → 없는데요 is no) and the yes/no words that
/// count everywhere (그렇죠, 넵, 아니요). A longer phrase beats a shorter one inside it, a yes phrase right after 안 or 못
/// is a no ("안 냈어요", "못 찾았어요"), then the last answer counts ("네, 없어요" is no).
/// </summary>
public sealed class AnswerJudge(CustomerPhrases phrases, KoreanEntityRecognizer recognizer)
{
    /// <summary>
    /// Yes, no, or null when the message gives neither. <paramref name="entities"/> are the message's entities when the
    /// turn already has them (the Korean recognizers then do not run again).
    /// </summary>
    public bool? Judge(string? text, string? expecting, IReadOnlyList<RecognizedEntity>? entities = null) => Answer(text, expecting, entities)?.Yes;

    /// <summary>Whether the answer closes the message ("…더 문의할 건 없어요") rather than opening it ("아니요, 근데 …").</summary>
    public bool EndsWithTheAnswer(string? text, string? expecting, IReadOnlyList<RecognizedEntity>? entities = null) =>
        Answer(text, expecting, entities) is { } answer && answer.End >= NameRecognizer.Compact(text!).Length * 2 / 3;

    /// <summary>Whether the message is its yes or no and little else ("아니오", "네네 맞아요"), so it can say nothing more.</summary>
    public bool IsBareAnswer(string? text, string? expecting, IReadOnlyList<RecognizedEntity>? entities = null) =>
        Answer(text, expecting, entities) is { } answer && NameRecognizer.Compact(text!).Length - answer.Length < BareAnswerSlack;

    // Letters besides the answer a message may hold and still be only an answer ("네 맞아요" has 맞아요 besides 네).
    private const int BareAnswerSlack = 6;

    private (bool Yes, int End, int Length)? Answer(string? text, string? expecting, IReadOnlyList<RecognizedEntity>? entities)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var found = new List<(int Start, int Length, bool Yes, bool OwnPhrase)>();
        var compact = NameRecognizer.Compact(text);
        foreach (var question in new[] { expecting, CustomerPhrases.Everywhere })
        {
            if (question is not null && phrases.Answers.TryGetValue(question, out var own))
            {
                var isOwn = question == expecting;
                found.AddRange(CustomerPhrases.Find(text, own.Yes).Select(m => (m.Start, m.Length, !Negated(compact, m.Start), isOwn)));
                found.AddRange(CustomerPhrases.Find(text, own.No).Select(m => (m.Start, m.Length, false, isOwn)));
            }
        }
        foreach (var word in (entities ?? recognizer.Recognize(text, DateTimeOffset.UnixEpoch)).Where(e => e.Resolution is YesNoResolution))
        {
            found.Add((CompactIndex(text, word.Start), NameRecognizer.Compact(word.Text).Length, ((YesNoResolution)word.Resolution).Yes, false));
        }
        // Where a question's own phrase and a general word end in the same place ("ㅇㅋ" at 더 궁금하신 점), the question's counts.
        var kept = found
            .Where(f => !found.Any(o => o.Length > f.Length && o.Start <= f.Start && f.Start + f.Length <= o.Start + o.Length))
            .OrderBy(f => f.Start + f.Length)
            .ThenBy(f => f.OwnPhrase)
            .ToList();
        return kept.Count > 0 ? (kept[^1].Yes, kept[^1].Start + kept[^1].Length, kept[^1].Length) : null;
    }

    /// <summary>The answers a message gives to questions not asked yet, by the facts section ("호출버튼도 없어요": callButton no).</summary>
    public IReadOnlyDictionary<string, bool> Facts(string text) =>
        phrases.Facts
            .Select(f => (Question: f.Key, Yes: CustomerPhrases.MatchesAny(text, f.Value.Yes), No: CustomerPhrases.MatchesAny(text, f.Value.No)))
            .Where(f => f.Yes || f.No)
            .ToDictionary(f => f.Question, f => !f.No);

    private static bool Negated(string compact, int start) => start > 0 && compact[start - 1] is '안' or '못';

    private static int CompactIndex(string text, int index) => text.Take(index).Count(char.IsLetterOrDigit);
}

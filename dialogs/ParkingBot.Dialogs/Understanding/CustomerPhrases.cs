using ParkingBot.Language.Recognizers;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// What customers write that the bot must understand beyond the recognizers, from Responses/phrases.ko.yaml (a file a
/// designer edits): yes and no for each question, cue words, commands, and the playbooks' follow-up questions.
/// </summary>
public sealed class CustomerPhrases
{
    public const string DefaultFileName = "Responses/phrases.ko.yaml";

    /// <summary>The answers section that counts at every question.</summary>
    public const string Everywhere = "everywhere";

    public Dictionary<string, YesNoPhrases> Answers { get; set; } = [];
    public Dictionary<string, FactPhrases> Facts { get; set; } = [];
    public PhraseCues Cues { get; set; } = new();
    public PhraseCommands Commands { get; set; } = new();
    public Dictionary<string, FollowUpTrigger> FollowUps { get; set; } = [];
    public List<string> Ordinals { get; set; } = [];
    public VagueTopicPhrases VagueTopics { get; set; } = new();
    public Dictionary<string, List<string>> ProductWords { get; set; } = [];

    /// <summary>
    /// For each product the message names, the topics about it. A product denied right after its name ("주차권도 안
    /// 샀는데", "발레는 없고") is not named.
    /// </summary>
    public IEnumerable<IReadOnlyList<string>> ProductsNamedIn(string text)
    {
        var compact = NameRecognizer.Compact(text);
        return ProductWords
            .Where(p => Find(text, [p.Key]).Any(m => !Denied(compact, m.Start + m.Length)))
            .Select(p => (IReadOnlyList<string>)p.Value);
    }

    // 안 or 없 as the next letter, or the one after a one-letter particle (도, 은, 는, 을, 를, 이, 가).
    private static bool Denied(string compact, int after) =>
        Enumerable.Range(after, 2).Any(i => i < compact.Length && compact[i] is '안' or '없'
            && (i == after || "도은는을를이가".Contains(compact[after])));

    /// <summary>The topics a message that only names a shared product may mean ("주차권이요"), or none.</summary>
    public IReadOnlyList<string> VagueTopicsOf(string text)
    {
        var said = NameRecognizer.Compact(text);
        var endings = VagueTopics.Endings.Select(NameRecognizer.Compact).Where(e => e.Length > 0).OrderByDescending(e => e.Length).ToList();
        for (var stripped = true; stripped;)
        {
            if (VagueTopics.Words.FirstOrDefault(w => NameRecognizer.Compact(w.Key) == said) is { Key: not null } word)
            {
                return word.Value;
            }
            var ending = endings.FirstOrDefault(e => said.Length > e.Length && said.EndsWith(e, StringComparison.Ordinal));
            stripped = ending is not null;
            said = ending is null ? said : said[..^ending.Length];
        }
        return [];
    }

    public static CustomerPhrases Load(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var phrases = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<CustomerPhrases>(reader)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (phrases.Answers.Keys.Concat(phrases.Facts.Keys).FirstOrDefault(k => k != Everywhere && !Expecting.All.Contains(k)) is { } unknown)
        {
            throw new InvalidDataException($"{path}: answers has '{unknown}', which is not a question the bot asks ({string.Join(", ", Expecting.All)}).");
        }
        return phrases;
    }

    /// <summary>Whether one of <paramref name="alternatives"/> matches: the text contains all of its phrases, in any order.</summary>
    public static bool MatchesAny(string text, IEnumerable<List<string>> alternatives) =>
        alternatives.Any(all => all.Count > 0 && all.All(phrase => Contains(text, [phrase])));

    /// <summary>Whether <paramref name="text"/> contains one of <paramref name="phrases"/>, spacing and punctuation aside.</summary>
    public static bool Contains(string text, IEnumerable<string> phrases) => Find(text, phrases).Any();

    /// <summary>
    /// Where the phrases stand in the text with spacing and punctuation removed (start, length). A phrase written with a
    /// leading ^ must start a word ("^됐어요" is not the end of "결제됐어요"); one with a trailing $ must end the message.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Find(string text, IEnumerable<string> phrases)
    {
        var compact = NameRecognizer.Compact(text);
        var wordStarts = WordStarts(text);
        foreach (var phrase in phrases)
        {
            var atWordStart = phrase.StartsWith('^');
            var atEnd = phrase.EndsWith('$');
            var wanted = NameRecognizer.Compact(phrase.TrimStart('^').TrimEnd('$'));
            for (var at = compact.IndexOf(wanted, StringComparison.Ordinal); wanted.Length > 0 && at >= 0; at = compact.IndexOf(wanted, at + 1, StringComparison.Ordinal))
            {
                if ((!atWordStart || wordStarts.Contains(at)) && (!atEnd || at + wanted.Length == compact.Length))
                {
                    yield return (at, wanted.Length);
                }
            }
        }
    }

    /// <summary>The positions, in the compacted text, of the letters that start a word in the original.</summary>
    private static HashSet<int> WordStarts(string text)
    {
        var starts = new HashSet<int>();
        var position = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                continue;
            }
            if (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
            {
                starts.Add(position);
            }
            position++;
        }
        return starts;
    }
}

public sealed class VagueTopicPhrases
{
    public Dictionary<string, List<string>> Words { get; set; } = [];
    public List<string> Endings { get; set; } = [];
}

/// <summary>Answers given unasked: alternatives of words that must all be in the message.</summary>
public sealed class FactPhrases
{
    public List<List<string>> Yes { get; set; } = [];
    public List<List<string>> No { get; set; } = [];
}

public sealed class YesNoPhrases
{
    public List<string> Yes { get; set; } = [];
    public List<string> No { get; set; } = [];
}

public sealed class PhraseCues
{
    public List<string> LeavingNow { get; set; } = [];
    public List<string> Correction { get; set; } = [];
    public List<string> OwnCar { get; set; } = [];
    public List<string> NotOwnCar { get; set; } = [];
    public List<string> ExitTime { get; set; } = [];
    public List<string> EntryTime { get; set; } = [];
    public List<string> NotLotNames { get; set; } = [];
    public List<string> PlaceEndings { get; set; } = [];
    public List<string> PlaceParticles { get; set; } = [];
    public List<string> PlaceFollowers { get; set; } = [];
}

public sealed class PhraseCommands
{
    public List<string> Restart { get; set; } = [];
    public List<string> Agent { get; set; } = [];
    public List<string> Cancel { get; set; } = [];
}

public sealed class FollowUpTrigger
{
    public List<string> Flows { get; set; } = [];
    public List<List<string>> When { get; set; } = [];

    public bool Matches(string text) => CustomerPhrases.MatchesAny(text, When);
}

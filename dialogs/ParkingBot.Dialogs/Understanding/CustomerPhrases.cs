using System.Collections.Concurrent;
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
    public RatingPhrases Ratings { get; set; } = new();
    public List<string> AgentTitles { get; set; } = [];
    public WaitingPhrases Waiting { get; set; } = new();

    /// <summary>How customers describe a usage's status in the app ("이용 중으로 나오는 거"), by status name.</summary>
    public Dictionary<string, List<string>> UsageStatus { get; set; } = [];

    /// <summary>The statuses the message describes a usage by.</summary>
    public IReadOnlyList<Parking.Model.UsageStatus> StatusesNamedIn(string text) =>
        UsageStatus.Where(s => Contains(text, s.Value)).Select(s => Enum.Parse<Parking.Model.UsageStatus>(s.Key)).ToList();

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
        if (phrases.UsageStatus.Keys.FirstOrDefault(k => !Enum.TryParse<Parking.Model.UsageStatus>(k, out _)) is { } status)
        {
            throw new InvalidDataException($"{path}: usageStatus has '{status}', which is not a status ({string.Join(", ", Enum.GetNames<Parking.Model.UsageStatus>())}).");
        }
        return phrases;
    }

    /// <summary>Whether one of <paramref name="alternatives"/> matches: the text contains all of its phrases, in any order.</summary>
    public static bool MatchesAny(string text, IEnumerable<List<string>> alternatives)
    {
        var said = SaidText.Of(text);
        foreach (var all in alternatives)
        {
            if (all.Count > 0 && all.TrueForAll(phrase => said.Contains(PhrasePattern.Of(phrase))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="text"/> contains one of <paramref name="phrases"/>, spacing and punctuation aside.</summary>
    public static bool Contains(string text, IEnumerable<string> phrases)
    {
        var said = SaidText.Of(text);
        foreach (var phrase in phrases)
        {
            if (said.Contains(PhrasePattern.Of(phrase)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Where the phrases stand in the text with spacing and punctuation removed (start, length). A phrase written with a
    /// leading ^ must start a word ("^됐어요" is not the end of "결제됐어요"); one with a trailing $ must end the message.
    /// </summary>
    public static List<(int Start, int Length)> Find(string text, IEnumerable<string> phrases)
    {
        var said = SaidText.Of(text);
        var found = new List<(int Start, int Length)>();
        foreach (var phrase in phrases)
        {
            said.AddMatches(PhrasePattern.Of(phrase), found);
        }
        return found;
    }

    /// <summary>A phrase of the file, compacted once: phrases are a designer's fixed list, so the cache stays small.</summary>
    private sealed record PhrasePattern(string Wanted, bool AtWordStart, bool AtEnd)
    {
        private static readonly ConcurrentDictionary<string, PhrasePattern> Known = new(StringComparer.Ordinal);

        public static PhrasePattern Of(string phrase) => Known.GetOrAdd(phrase, static p =>
            new PhrasePattern(NameRecognizer.Compact(p.TrimStart('^').TrimEnd('$')), p.StartsWith('^'), p.EndsWith('$')));
    }

    /// <summary>
    /// A message compacted, with the positions of the letters that start a word in the original. A turn asks about the same
    /// message many times, so the last one analysed on this thread is kept.
    /// </summary>
    private sealed class SaidText
    {
        [ThreadStatic]
        private static SaidText? _last;

        private readonly string _text;
        private readonly string _compact;
        private readonly HashSet<int> _wordStarts = [];

        private SaidText(string text)
        {
            _text = text;
            _compact = NameRecognizer.Compact(text);
            var position = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsLetterOrDigit(text[i]))
                {
                    continue;
                }
                if (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
                {
                    _wordStarts.Add(position);
                }
                position++;
            }
        }

        public static SaidText Of(string text)
        {
            if (_last is { } last && ReferenceEquals(last._text, text))
            {
                return last;
            }
            return _last = new SaidText(text);
        }

        public bool Contains(PhrasePattern pattern)
        {
            for (var at = Next(pattern, 0); at >= 0; at = Next(pattern, at + 1))
            {
                if (Fits(pattern, at))
                {
                    return true;
                }
            }
            return false;
        }

        public void AddMatches(PhrasePattern pattern, List<(int Start, int Length)> found)
        {
            for (var at = Next(pattern, 0); at >= 0; at = Next(pattern, at + 1))
            {
                if (Fits(pattern, at))
                {
                    found.Add((at, pattern.Wanted.Length));
                }
            }
        }

        private int Next(PhrasePattern pattern, int from) =>
            pattern.Wanted.Length == 0 || from > _compact.Length ? -1 : _compact.IndexOf(pattern.Wanted, from, StringComparison.Ordinal);

        private bool Fits(PhrasePattern pattern, int at) =>
            (!pattern.AtWordStart || _wordStarts.Contains(at)) && (!pattern.AtEnd || at + pattern.Wanted.Length == _compact.Length);
    }
}

/// <summary>How a waiting customer answers "stop waiting?" besides yes and no.</summary>
public sealed class WaitingPhrases
{
    public List<string> Leave { get; set; } = [];

    /// <summary>Words that leave the queue said unasked: about the waiting itself.</summary>
    public List<string> StopWaiting { get; set; } = [];
    public List<string> Stay { get; set; } = [];
}

/// <summary>How customers answer the satisfaction question in words: a score, the scale named, or declining.</summary>
public sealed class RatingPhrases
{
    public Dictionary<int, List<string>> Scores { get; set; } = [];
    public List<string> OutOf { get; set; } = [];
    public List<string> Skip { get; set; } = [];
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
    public List<string> Question { get; set; } = [];
    public List<string> Refund { get; set; } = [];
    public List<string> AlreadyLeft { get; set; } = [];
    public List<string> HowToAnswer { get; set; } = [];
    public List<string> Remark { get; set; } = [];
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

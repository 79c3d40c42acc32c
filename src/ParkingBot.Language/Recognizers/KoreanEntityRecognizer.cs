namespace ParkingBot.Language.Recognizers;

/// <summary>
/// Runs every recognizer over an utterance and returns the entities in order of appearance: where two
/// overlap the longer wins (네 시 is a time, not a yes), and a date right before a time becomes one DateTime.
/// "Now" is taken in Korea time whatever offset it comes with.
/// </summary>
public sealed class KoreanEntityRecognizer
{
    public static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);

    private readonly DateRecognizer _dates;
    private readonly TimeRecognizer _times;
    private readonly CarNumberRecognizer _carNumbers;
    private readonly YesNoRecognizer _yesNo;
    private readonly AmountRecognizer _amounts;
    private readonly PhoneRecognizer _phones = new();

    public KoreanEntityRecognizer(KoreanLexicon? lexicon = null)
    {
        lexicon ??= KoreanLexicon.Default;
        _dates = new DateRecognizer(lexicon);
        _times = new TimeRecognizer(lexicon);
        _carNumbers = new CarNumberRecognizer(lexicon);
        _yesNo = new YesNoRecognizer(lexicon);
        _amounts = new AmountRecognizer(lexicon);
    }

    public IReadOnlyList<RecognizedEntity> Recognize(string text, DateTimeOffset now)
    {
        var korea = now.ToOffset(KoreaOffset).DateTime;
        var found = _dates.Find(text, DateOnly.FromDateTime(korea))
            .Concat(_times.Find(text, korea))
            .Concat(_carNumbers.Find(text))
            .Concat(_yesNo.Find(text))
            .Concat(_amounts.Find(text))
            .Concat(_phones.Find(text));
        return MergeDatesWithTimes(text, WithoutOverlaps(found));
    }

    /// <summary>Just the car numbers and phone numbers, for masking.</summary>
    public IEnumerable<RecognizedEntity> FindPersonalData(string text) =>
        WithoutOverlaps(_carNumbers.Find(text).Concat(_phones.Find(text)));

    private static List<RecognizedEntity> WithoutOverlaps(IEnumerable<RecognizedEntity> entities)
    {
        var kept = new List<RecognizedEntity>();
        foreach (var entity in entities.OrderByDescending(e => e.Length).ThenBy(e => e.Start))
        {
            if (!kept.Any(k => entity.Start < k.End && k.Start < entity.End))
            {
                kept.Add(entity);
            }
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static List<RecognizedEntity> MergeDatesWithTimes(string text, List<RecognizedEntity> entities)
    {
        for (var i = 0; i + 1 < entities.Count; i++)
        {
            if (entities[i] is { Type: EntityType.Date, Resolution: DateResolution date } first
                && entities[i + 1] is { Type: EntityType.Time, Resolution: TimeResolution time } second
                && string.IsNullOrWhiteSpace(text[first.End..second.Start]))
            {
                var candidates = time.Candidates.Select(t => date.Date.ToDateTime(t)).ToList();
                entities[i] = new RecognizedEntity(EntityType.DateTime, text[first.Start..second.End], first.Start, second.End,
                    new DateTimeResolution(candidates, time.Approximate));
                entities.RemoveAt(i + 1);
            }
        }
        return entities;
    }
}

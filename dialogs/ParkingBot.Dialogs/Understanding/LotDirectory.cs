using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>A lot named in a message: the lots it may be (none when the service does not know it) and the words used.</summary>
public sealed record LotMention(IReadOnlyList<string> LotIds, string Said)
{
    public bool IsKnown => LotIds.Count > 0;
}

/// <summary>
/// Finds lots named in free text among the parking store's lots and their short names (spacing and one typo aside).
/// A name the store does not know ("잠실 롯데월드몰 주차장") is kept as said, so the bot never answers for another lot.
/// The lot list is read once per process: lots change with a release of the store, not during a conversation.
/// </summary>
public sealed partial class LotDirectory(IParkingOperations operations, CustomerPhrases phrases)
{
    private readonly Lazy<Task<NameRecognizer>> _names = new(async () =>
        new NameRecognizer((await operations.GetLotsAsync()).Select(l => new NamedEntry(l.Id, [l.Name, .. l.Aliases]))));

    /// <summary>The lots named in <paramref name="text"/>; with <paramref name="last"/>, only the last one named (a correction).</summary>
    public async Task<LotMention?> FindAsync(string text, bool last = false)
    {
        var found = (await _names.Value).Find(text);
        if (last && found.Count > 1)
        {
            found = found.Where(f => f.Name == found[^1].Name).ToList();
        }
        if (found.Count > 0)
        {
            return new LotMention(found.Select(f => f.Key).ToList(), found[0].Name);
        }
        return UnknownLotName(text) is { } said ? new LotMention([], said) : null;
    }

    /// <summary>
    /// A lot name the store does not know: the one or two words before 주차장 that read as a name ("잠실 롯데월드몰 주차장"),
    /// not a bare "주차장" nor words that only describe it ("제가 이용한 주차장", "그 주차장").
    /// </summary>
    private string? UnknownLotName(string text)
    {
        if (WordsBeforeLot().Match(text) is { Success: true } match
            && NameBefore(match.Groups["words"].Value) is { } name)
        {
            return name + " 주차장";
        }
        // Without 주차장: a word that ends like a place, right before 주차권/주차비 or with 에서 ("잠실 롯데월드몰 주차권은 언제…",
        // "롯데월드몰에서 주차했는데").
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cues = phrases.Cues;
        for (var i = 0; i < words.Length; i++)
        {
            var particle = cues.PlaceParticles.FirstOrDefault(p => words[i].EndsWith(p, StringComparison.Ordinal));
            var word = particle is null ? words[i] : words[i][..^particle.Length];
            var aboutParking = particle is not null || i + 1 < words.Length && cues.PlaceFollowers.Any(f => words[i + 1].StartsWith(f, StringComparison.Ordinal));
            if (aboutParking && phrases.Cues.PlaceEndings.Any(ending => word.Length > ending.Length && word.EndsWith(ending, StringComparison.Ordinal)))
            {
                return NameBefore(string.Join(' ', words[..i].Append(word)));
            }
        }
        return null;
    }

    /// <summary>The last one or two words of <paramref name="words"/> that read as a name, or null.</summary>
    private string? NameBefore(string words)
    {
        var name = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse().TakeWhile(IsNameLike).Take(2).Reverse().ToList();
        return name.Count > 0 ? string.Join(' ', name) : null;
    }

    // Words ending in a modifier or a particle describe the lot rather than name it (이용한, 갔던, 거기는).
    private bool IsNameLike(string word) =>
        word.Length >= 2 && !phrases.Cues.NotLotNames.Contains(word) && !"한된던는은간쓴댄할갈을를에의도요서".Contains(word[^1]);

    // Non-backtracking: a long message without 주차장 must not cost more than its length.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<words>(?:[가-힣A-Za-z0-9()]+\s?){1,3})주차장", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex WordsBeforeLot();

    public async Task<ParkingLot?> GetAsync(string lotId, CancellationToken cancellationToken) => await operations.GetLotAsync(lotId, cancellationToken);
}

namespace ParkingBot.Language.Recognizers;

/// <summary>An entry of a <see cref="NameRecognizer"/>: a key (a lot id) and every name it goes by.</summary>
public sealed record NamedEntry(string Key, IReadOnlyList<string> Names);

/// <summary>Where a name was found: the entry's key and the name matched.</summary>
public sealed record NameMatch(string Key, string Name);

/// <summary>
/// Finds the names of a fixed list (parking lots and their short names) in free text, as customers type them:
/// spacing and case aside ("여의도ifc"), and with one typo in a name of four letters or more ("강남역 공영주차잔").
/// Where one name lies inside a longer one that also matched ("공항" inside "인천공항"), the longer wins; a name that
/// stands for several entries ("공항") returns them all, so the caller can ask which one.
/// </summary>
public sealed class NameRecognizer(IEnumerable<NamedEntry> entries)
{
    private const int FuzzyFrom = 4;
    private readonly List<(string Key, string Name, string Compact)> _names = entries
        .SelectMany(e => e.Names.Select(n => (e.Key, n, Compact(n))))
        .Where(n => n.Item3.Length >= 2)
        .ToList();

    public IReadOnlyList<NameMatch> Find(string text)
    {
        var compact = Compact(text);
        var found = new List<(string Key, string Name, int Start, int End)>();
        foreach (var (key, name, wanted) in _names)
        {
            if (Locate(compact, wanted) is { } span)
            {
                found.Add((key, name, span.Start, span.End));
            }
        }
        return found
            .Where(f => !found.Any(o => o.End - o.Start > f.End - f.Start && o.Start <= f.Start && f.End <= o.End))
            .GroupBy(f => f.Key)
            .Select(g => g.OrderByDescending(f => f.End - f.Start).First())
            .OrderBy(f => f.Start)
            .Select(f => new NameMatch(f.Key, f.Name))
            .ToList();
    }

    /// <summary>The text's letters and digits in lower case, without spacing and punctuation.</summary>
    public static string Compact(string text)
    {
        var kept = 0;
        var unchanged = true;
        foreach (var letter in text)
        {
            if (char.IsLetterOrDigit(letter))
            {
                kept++;
                unchanged &= char.ToLowerInvariant(letter) == letter;
            }
        }
        if (unchanged && kept == text.Length)
        {
            return text;
        }
        return string.Create(kept, text, static (compact, source) =>
        {
            var at = 0;
            foreach (var letter in source)
            {
                if (char.IsLetterOrDigit(letter))
                {
                    compact[at++] = char.ToLowerInvariant(letter);
                }
            }
        });
    }

    private static (int Start, int End)? Locate(string text, string name)
    {
        var exact = text.IndexOf(name, StringComparison.Ordinal);
        if (exact >= 0)
        {
            return (exact, exact + name.Length);
        }
        if (name.Length < FuzzyFrom)
        {
            return null;
        }
        for (var length = name.Length - 1; length <= name.Length + 1; length++)
        {
            for (var start = 0; start + length <= text.Length; start++)
            {
                if (WithinOneEdit(text.AsSpan(start, length), name))
                {
                    return (start, start + length);
                }
            }
        }
        return null;
    }

    private static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }
            if (++edits > 1)
            {
                return false;
            }
            if (a.Length > b.Length)
            {
                i++;
            }
            else if (b.Length > a.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}

using System.Globalization;

namespace ParkingBot.Language.Recognizers;

/// <summary>Reads numbers as Koreans write them: 3,000 · 3천 · 삼천 · 1만 2천 · 만 · 1만2천5백 · 열한 (native).</summary>
public sealed class KoreanNumbers(KoreanLexicon lexicon)
{
    /// <summary>Digits, sino-Korean words and units mixed ("1만 2천", "삼천", "15,000"); null when it is not a number.</summary>
    public long? ParseSino(string text)
    {
        var compact = text.Replace(" ", "").Replace(",", "");
        if (compact.Length == 0)
        {
            return null;
        }
        if (long.TryParse(compact, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }
        long total = 0, section = 0, pending = -1;
        var i = 0;
        while (i < compact.Length)
        {
            if (char.IsAsciiDigit(compact[i]))
            {
                var start = i;
                while (i < compact.Length && char.IsAsciiDigit(compact[i]))
                {
                    i++;
                }
                pending = long.Parse(compact.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                continue;
            }
            var ch = compact[i].ToString();
            if (lexicon.SinoDigits.TryGetValue(ch, out var digit))
            {
                pending = digit;
            }
            else if (lexicon.SinoUnits.TryGetValue(ch, out var unit))
            {
                var multiplier = pending < 0 ? 1 : pending;
                if (unit == 10000)
                {
                    total += (section + multiplier) * unit;
                    section = 0;
                }
                else
                {
                    section += multiplier * unit;
                }
                pending = -1;
            }
            else
            {
                return null;
            }
            i++;
        }
        return total + section + (pending < 0 ? 0 : pending);
    }

    /// <summary>An hour or count in digits or native Korean (3, 세, 열한); null otherwise.</summary>
    public int? ParseCount(string text)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }
        if (lexicon.NativeNumbers.TryGetValue(trimmed, out var native))
        {
            return native;
        }
        return ParseSino(trimmed) is { } sino and <= int.MaxValue ? (int)sino : null;
    }
}

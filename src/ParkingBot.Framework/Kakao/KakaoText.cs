using System.Text.RegularExpressions;

namespace ParkingBot.Framework.Kakao;

/// <summary>Cutting text to Kakao's limits without cutting a sentence (or, for a label, a character).</summary>
public static partial class KakaoText
{
    /// <summary>
    /// The text in pieces of at most <paramref name="max"/> characters, each ending where a sentence or line ends; a single
    /// sentence longer than that is cut at a space (only a run without spaces is cut anywhere).
    /// </summary>
    public static IReadOnlyList<string> Chunks(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text.Length == 0 ? [] : [text];
        }
        var chunks = new List<string>();
        var current = "";
        foreach (var sentence in Sentences(text))
        {
            var joined = current.Length == 0 ? sentence : current + sentence;
            if (joined.TrimEnd().Length <= max)
            {
                current = joined;
                continue;
            }
            if (current.Trim().Length > 0)
            {
                chunks.Add(current.Trim());
            }
            current = sentence;
            while (current.Trim().Length > max)
            {
                var cut = current.LastIndexOf(' ', max);
                var at = cut > 0 ? cut : max;
                chunks.Add(current[..at].Trim());
                current = current[at..];
            }
        }
        if (current.Trim().Length > 0)
        {
            chunks.Add(current.Trim());
        }
        return chunks;
    }

    /// <summary>At most <paramref name="max"/> characters: longer labels end in "…" within the limit.</summary>
    public static string Label(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return text[..keep].TrimEnd() + "…";
    }

    /// <summary>The sentences and lines of the text, each with the spaces after it, so that they join back as they were.</summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            yield return text[start..(end.Index + end.Length)];
            start = end.Index + end.Length;
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    [GeneratedRegex(@"(?<=[.!?。…])[ \t]+|\n+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"https?://[^\s)<>""']+")]
    public static partial Regex Link();

    /// <summary>Korean phone numbers: 02-123-4567, 010-1234-5678, 1588-1234.</summary>
    [GeneratedRegex(@"(?<![\d-])(?:0\d{1,2}-\d{3,4}-\d{4}|1[568]\d{2}-\d{4})(?![\d-])")]
    public static partial Regex PhoneNumber();
}

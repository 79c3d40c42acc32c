using System.Text.RegularExpressions;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>Finds which of a list of choices a message means. Spacing, case and end punctuation do not matter.</summary>
public static partial class ChoiceRecognizer
{
    public static FoundChoice? Recognize(string? text, IReadOnlyList<Choice> choices)
    {
        var said = Normalize(text);
        if (said.Length == 0 || choices.Count == 0)
        {
            return null;
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (Names(choices[i]).Any(name => name == said))
            {
                return new FoundChoice(choices[i].Value, i);
            }
        }
        var number = OrdinalPattern().Match(said);
        if (number.Success && int.TryParse(number.Groups[1].Value, out var n) && n >= 1 && n <= choices.Count)
        {
            return new FoundChoice(choices[n - 1].Value, n - 1);
        }
        // "주차권 결제 시점이 궁금해요" names one choice inside a longer message; "강남역 주차패스 거요" names two things of
        // one choice (its lot and its kind), which beats a choice with only one of them.
        var contained = Enumerable.Range(0, choices.Count)
            .Select(i => (Index: i, Length: Contained(said, Names(choices[i])).Sum(name => name.Length)))
            .Where(c => c.Length > 0)
            .OrderByDescending(c => c.Length)
            .ToList();
        return contained.Count == 1 || (contained.Count > 1 && contained[0].Length > contained[1].Length)
            ? new FoundChoice(choices[contained[0].Index].Value, contained[0].Index)
            : null;
    }

    /// <summary>The names found in <paramref name="said"/>, less those that only repeat part of a longer one found.</summary>
    private static List<string> Contained(string said, IEnumerable<string> names)
    {
        var found = names.Where(name => name.Length >= 2 && said.Contains(name, StringComparison.Ordinal)).Distinct().ToList();
        return found.Where(name => !found.Any(other => other.Length > name.Length && other.Contains(name, StringComparison.Ordinal))).ToList();
    }

    private static IEnumerable<string> Names(Choice choice)
    {
        yield return Normalize(choice.Value);
        if (choice.Title is not null)
        {
            yield return Normalize(choice.Title);
        }
        foreach (var synonym in choice.Synonyms ?? [])
        {
            yield return Normalize(synonym);
        }
    }

    private static string Normalize(string? text) =>
        WhitespaceOrEndPunctuation().Replace(text ?? "", "").ToLowerInvariant();

    [GeneratedRegex(@"\s+|[.!?~]+$")]
    private static partial Regex WhitespaceOrEndPunctuation();

    // A bare number, optionally with a short counter word after it ("2", "2.", "#2", "2번").
    [GeneratedRegex(@"^#?(\d{1,2})\D{0,2}$")]
    private static partial Regex OrdinalPattern();
}

using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

internal static class Patterns
{
    /// <summary>An alternation of words, longest first so 그저께 wins over 그제.</summary>
    public static string AnyOf(IEnumerable<string> words) =>
        "(?:" + string.Join("|", words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")";

    public static Regex Compile(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
}

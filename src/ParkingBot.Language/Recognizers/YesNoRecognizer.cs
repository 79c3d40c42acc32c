using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>Yes and no as whole words (네, 아니에요, ㅇㅇ, ㄴㄴ…), never inside another word (예약).</summary>
public sealed class YesNoRecognizer
{
    private readonly HashSet<string> _yes;
    private readonly Regex _pattern;

    public YesNoRecognizer(KoreanLexicon lexicon)
    {
        _yes = [.. lexicon.Yes];
        _pattern = Patterns.Compile($@"(?<![\w])(?<word>{Patterns.AnyOf(lexicon.Yes.Concat(lexicon.No))})(?![\w])");
    }

    public IEnumerable<RecognizedEntity> Find(string text)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            var word = match.Groups["word"];
            yield return new RecognizedEntity(EntityType.YesNo, word.Value, word.Index, word.Index + word.Length,
                new YesNoResolution(_yes.Contains(word.Value)));
        }
    }
}

using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>Amounts in won: 3,000원 · 3천원 · 삼천 원 · 1만 2천원 · 만원.</summary>
public sealed class AmountRecognizer
{
    private readonly KoreanNumbers _numbers;
    private readonly Regex _pattern;

    public AmountRecognizer(KoreanLexicon lexicon)
    {
        _numbers = new KoreanNumbers(lexicon);
        var digit = "[" + string.Concat(lexicon.SinoDigits.Keys) + "]";
        var unit = "[" + string.Concat(lexicon.SinoUnits.Keys) + "]";
        var group = $@"(?:\d[\d,]*{unit}*|{digit}?{unit}+|{digit})";
        // A number in digits may follow a word directly ("출차했는데5천원"); one in Korean words may not (일원동).
        var first = $@"(?:(?<![\d,.])\d[\d,]*{unit}*|(?<![\w]){digit}?{unit}+|(?<![\w]){digit})";
        _pattern = Patterns.Compile($@"(?<number>{first}(?:\s?{group})*)\s*원");
    }

    public IEnumerable<RecognizedEntity> Find(string text)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            if (_numbers.ParseSino(match.Groups["number"].Value) is { } won and > 0)
            {
                yield return new RecognizedEntity(EntityType.Amount, match.Value, match.Index, match.Index + match.Length, new AmountResolution(won));
            }
        }
    }
}

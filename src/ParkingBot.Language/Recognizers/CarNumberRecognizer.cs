using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>Korean car numbers: 12가3456, 123가4567 and the older 서울12가3456, with spaces and dashes tolerated.</summary>
public sealed class CarNumberRecognizer
{
    private readonly Dictionary<string, PlateUse> _useByLetter;
    private readonly Regex _pattern;

    public CarNumberRecognizer(KoreanLexicon lexicon)
    {
        _useByLetter = lexicon.PlateLetters
            .SelectMany(group => group.Value.Select(letter => (letter, Use: Enum.Parse<PlateUse>(group.Key, ignoreCase: true))))
            .ToDictionary(x => x.letter, x => x.Use);
        var letters = "[" + string.Concat(_useByLetter.Keys) + "]";
        var regions = Patterns.AnyOf(lexicon.PlateRegions);
        _pattern = Patterns.Compile(
            $@"(?<![\d])(?:(?<region>{regions})\s*(?<num>\d{{2}})|(?<num>\d{{2,3}}))\s*-?\s*(?<letter>{letters})\s*-?\s*(?<serial>\d{{4}})(?!\d)");
    }

    public IEnumerable<RecognizedEntity> Find(string text)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            var letter = match.Groups["letter"].Value;
            var plate = match.Groups["region"].Value + match.Groups["num"].Value + letter + match.Groups["serial"].Value;
            yield return new RecognizedEntity(EntityType.CarNumber, match.Value, match.Index, match.Index + match.Length,
                new CarNumberResolution(plate, _useByLetter[letter]));
        }
    }
}

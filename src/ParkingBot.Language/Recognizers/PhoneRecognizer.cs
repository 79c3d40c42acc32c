using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>Korean phone numbers (010-1234-5678, 01012345678, 02-6925-0023), normalized with dashes.</summary>
public sealed partial class PhoneRecognizer
{
    public IEnumerable<RecognizedEntity> Find(string text)
    {
        foreach (Match match in Pattern().Matches(text))
        {
            var number = $"{match.Groups["area"].Value}-{match.Groups["mid"].Value}-{match.Groups["last"].Value}";
            yield return new RecognizedEntity(EntityType.Phone, match.Value, match.Index, match.Index + match.Length, new PhoneResolution(number));
        }
    }

    [GeneratedRegex(@"(?<![\d])(?<area>01[016789]|02|0[3-6][1-5]|070|050\d)[-.\s]?(?<mid>\d{3,4})[-.\s]?(?<last>\d{4})(?!\d)")]
    private static partial Regex Pattern();
}

using System.Text;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Logging;

/// <summary>
/// Masks car numbers and phone numbers (found by the Korean recognizers) so they never reach the logs in the clear, and the
/// KakaoTalk skill key that is part of the skill's URL (a failed request's log line carries its path).
/// </summary>
public static partial class SensitiveDataMasker
{
    private static readonly KoreanEntityRecognizer Recognizer = new();

    public static string Mask(string text)
    {
        text = SkillKeyInPath().Replace(text, "$1***");
        var found = Recognizer.FindPersonalData(text).ToList();
        if (found.Count == 0)
        {
            return text;
        }
        var masked = new StringBuilder(text);
        foreach (var entity in Enumerable.Reverse(found))
        {
            masked.Remove(entity.Start, entity.Length).Insert(entity.Start, MaskOf(entity));
        }
        return masked.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(/api/kakao/skill/)[^/\s?#""']+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SkillKeyInPath();

    // 12가3456 → 12가****: keep the class digits and letter, hide the serial.
    // 010-1234-5678 → 010-****-**78: keep the area code and the last two digits.
    private static string MaskOf(RecognizedEntity entity) => entity.Resolution switch
    {
        CarNumberResolution => entity.Text[..^4] + "****",
        PhoneResolution phone => $"{phone.Number[..phone.Number.IndexOf('-')]}-****-**{phone.Number[^2..]}",
        _ => entity.Text,
    };
}

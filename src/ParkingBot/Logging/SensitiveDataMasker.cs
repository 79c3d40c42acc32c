using System.Text.RegularExpressions;

namespace ParkingBot.Logging;

/// <summary>Masks Korean car numbers and phone numbers so they never reach the logs in the clear.</summary>
public static partial class SensitiveDataMasker
{
    public static string Mask(string text) =>
        PhoneNumber().Replace(CarNumber().Replace(text, MaskCarNumber), MaskPhoneNumber);

    // 12가3456, 123가 3456, 서울12가3456, 12가-3456: keep the region and class digits, hide the serial.
    private static string MaskCarNumber(Match match) => match.Groups["head"].Value + "****";

    // 010-1234-5678, 01012345678, 02-123-4567: keep the area code and last two digits.
    private static string MaskPhoneNumber(Match match) =>
        $"{match.Groups["area"].Value}-****-**{match.Groups["last"].Value[^2..]}";

    [GeneratedRegex(@"(?<![0-9])(?<head>(?:[가-힣]{2}\s?)?\d{2,3}\s?[가-힣]\s?-?\s?)\d{4}(?![0-9])")]
    private static partial Regex CarNumber();

    [GeneratedRegex(@"(?<![0-9])(?<area>01[016789]|02|0[3-6][1-5]|070|050\d)[-.\s]?\d{3,4}[-.\s]?(?<last>\d{4})(?![0-9])")]
    private static partial Regex PhoneNumber();
}

using System.Globalization;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>Dates, times, amounts and car numbers the way the playbooks write them.</summary>
public static class KoreanFormat
{
    public static string Date(DateOnly date) => $"{date.Month}월 {date.Day}일";

    public static string Time(DateTimeOffset moment) => moment.ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A moment in Korea time as agents file it: "11월 21일 09:00".</summary>
    public static string Moment(DateTime moment) => $"{Date(DateOnly.FromDateTime(moment))} {Time(TimeOnly.FromDateTime(moment))}";

    /// <summary>An hour as customers say it: "10시".</summary>
    public static string Hour(int hour) => $"{hour}시";

    public static string Won(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + "원";

    /// <summary>7000 → "7000원", as customers type it.</summary>
    public static string WonPlain(long amount) => amount.ToString(CultureInfo.InvariantCulture) + "원";

    /// <summary>12가3456 → "12가 3456", as agents read a plate out.</summary>
    public static string CarNumber(string plate) => plate.Length > 4 ? $"{plate[..^4]} {plate[^4..]}" : plate;
}

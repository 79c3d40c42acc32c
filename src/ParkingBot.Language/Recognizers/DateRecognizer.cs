using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>
/// Calendar dates, resolved against today: relative words, N일 전, full and partial dates, weekdays.
/// Without a year (or month), a date means the most recent such date not after today: customers ask about past usage.
/// </summary>
public sealed class DateRecognizer
{
    private readonly KoreanLexicon _lexicon;
    private readonly KoreanNumbers _numbers;
    private readonly Regex _pattern;

    public DateRecognizer(KoreanLexicon lexicon)
    {
        _lexicon = lexicon;
        _numbers = new KoreanNumbers(lexicon);
        var sino = "[" + string.Concat(lexicon.SinoDigits.Keys.Concat(lexicon.SinoUnits.Keys)) + "]+";
        _pattern = Patterns.Compile(string.Join("|",
            @"(?<y>\d{4})\s*년\s*(?<mo>\d{1,2})\s*월\s*(?<d>\d{1,2})\s*일",
            @"(?<![\d.\-/])(?<y>\d{4})\s*[-./]\s*(?<mo>\d{1,2})\s*[-./]\s*(?<d>\d{1,2})(?![\d.\-/])",
            $@"(?:(?<yw>{Patterns.AnyOf(lexicon.Years.Keys)})\s*)?(?<mo>\d{{1,2}})\s*월\s*(?<d>\d{{1,2}})\s*일(?!\s*(?:동안|간|째))",
            $@"(?<mw>{Patterns.AnyOf(lexicon.Months.Keys)})\s*(?<d>\d{{1,2}})\s*일(?!\s*(?:동안|간|째))",
            @"(?<![\d/])(?<mo>\d{1,2})/(?<d>\d{1,2})(?![\d/])",
            $@"(?<ago>\d{{1,3}}|{sino})\s*일\s*전",
            $@"(?<count>{Patterns.AnyOf(lexicon.DayCounts.Keys)})\s*전",
            $@"(?:(?<ww>{Patterns.AnyOf(lexicon.Weeks.Keys)})\s*)?(?<wd>[{string.Concat(lexicon.Weekdays)}])(?:요일|욜)",
            $@"(?<rel>{Patterns.AnyOf(lexicon.RelativeDays.Keys)})",
            @"(?<![\d.,:])(?<dom>\d{1,2})\s*일(?!\s*(?:동안|간|째|전|부터|권|치|분))"));
    }

    public IEnumerable<RecognizedEntity> Find(string text, DateOnly today)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            if (Resolve(match, today) is { } date)
            {
                yield return new RecognizedEntity(EntityType.Date, match.Value, match.Index, match.Index + match.Length, new DateResolution(date));
            }
        }
    }

    private DateOnly? Resolve(Match m, DateOnly today)
    {
        int Group(string name) => int.Parse(m.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

        if (m.Groups["rel"].Success)
        {
            return today.AddDays(_lexicon.RelativeDays[m.Groups["rel"].Value]);
        }
        if (m.Groups["ago"].Success)
        {
            return _numbers.ParseCount(m.Groups["ago"].Value) is { } days and < 1000 ? today.AddDays(-days) : null;
        }
        if (m.Groups["count"].Success)
        {
            return today.AddDays(-_lexicon.DayCounts[m.Groups["count"].Value]);
        }
        if (m.Groups["wd"].Success)
        {
            var weekday = _lexicon.Weekdays.IndexOf(m.Groups["wd"].Value);
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            if (m.Groups["ww"].Success)
            {
                return monday.AddDays(7 * _lexicon.Weeks[m.Groups["ww"].Value] + weekday);
            }
            var back = (((int)today.DayOfWeek + 6) % 7 - weekday + 7) % 7;
            return today.AddDays(-back);
        }
        if (m.Groups["y"].Success)
        {
            return Create(Group("y"), Group("mo"), Group("d"));
        }
        if (m.Groups["yw"].Success)
        {
            return Create(today.Year + _lexicon.Years[m.Groups["yw"].Value], Group("mo"), Group("d"));
        }
        if (m.Groups["mw"].Success)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(_lexicon.Months[m.Groups["mw"].Value]);
            return Create(month.Year, month.Month, Group("d"));
        }
        if (m.Groups["mo"].Success)
        {
            return MostRecent(today, Group("mo"), Group("d"));
        }
        return m.Groups["dom"].Success ? MostRecentDayOfMonth(today, Group("dom")) : null;
    }

    private static DateOnly? MostRecent(DateOnly today, int month, int day)
    {
        for (var year = today.Year; year >= today.Year - 4; year--)
        {
            if (Create(year, month, day) is { } date && date <= today)
            {
                return date;
            }
        }
        return null;
    }

    private static DateOnly? MostRecentDayOfMonth(DateOnly today, int day)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        for (var back = 0; back < 12; back++, month = month.AddMonths(-1))
        {
            if (Create(month.Year, month.Month, day) is { } date && date <= today)
            {
                return date;
            }
        }
        return null;
    }

    private static DateOnly? Create(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 2000 and <= 2100 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}

using System.Text.RegularExpressions;

namespace ParkingBot.Language.Recognizers;

/// <summary>
/// Times of day (오후 2시 반, 14:30, 저녁 7시, 세 시, 정오) and moments relative to now (3시간 전, 두 시간쯤 전, 십 분 전, 30분 뒤,
/// 한 시간 있다가).
/// A 12-hour time said without 오전/오후 or a part of the day keeps both candidates.
/// </summary>
public sealed class TimeRecognizer
{
    private readonly KoreanLexicon _lexicon;
    private readonly KoreanNumbers _numbers;
    private readonly Regex _pattern;

    public TimeRecognizer(KoreanLexicon lexicon)
    {
        _lexicon = lexicon;
        _numbers = new KoreanNumbers(lexicon);
        var native = Patterns.AnyOf(lexicon.NativeNumbers.Keys);
        var sino = "[" + string.Concat(lexicon.SinoDigits.Keys.Concat(lexicon.SinoUnits.Keys)) + "]+";
        var approximate = $@"(?:\s*(?<approx>{Patterns.AnyOf(lexicon.ApproximateMarkers)}))?";
        var partOfDay = $@"(?:(?:(?<dpod>{Patterns.AnyOf(lexicon.DaysWithPartOfDay.Keys)})|(?<pod>{Patterns.AnyOf(lexicon.PartsOfDay.Keys)}))\s*)?";
        _pattern = Patterns.Compile(string.Join("|",
            // "두 시간쯤 전에", "십 분 전에": an approximation may come before the direction, and minutes are often counted in sino numbers.
            $@"(?<agoN>\d{{1,3}}|{native}|{sino})\s*(?<agoUnit>시간|분)(?:\s*(?<agoHalf>반))?{approximate}\s*(?<agoDir>전|후|뒤|있다가|있다){approximate}",
            $@"{partOfDay}(?<h>\d{{1,2}}|{native})\s*시(?!간|각|작|장|청|내|외|계|설|스템)(?:\s*(?:(?<half>반)|(?<m>\d{{1,2}}|{sino})\s*분))?{approximate}",
            $@"{partOfDay}(?<![\d:])(?<hh>\d{{1,2}}):(?<mm>\d{{2}})(?![\d:]){approximate}",
            $@"(?<named>{Patterns.AnyOf(lexicon.NamedTimes.Keys)}){approximate}"));
    }

    public IEnumerable<RecognizedEntity> Find(string text, DateTime now)
    {
        foreach (Match match in _pattern.Matches(text))
        {
            if (match.Groups["agoN"].Success)
            {
                if (_numbers.ParseCount(match.Groups["agoN"].Value) is { } count)
                {
                    var minutes = match.Groups["agoUnit"].Value == "시간" ? count * 60 + (match.Groups["agoHalf"].Success ? 30 : 0) : count;
                    var moment = now.AddMinutes(match.Groups["agoDir"].Value == "전" ? -minutes : minutes);
                    moment = new DateTime(moment.Year, moment.Month, moment.Day, moment.Hour, moment.Minute, 0);
                    yield return new RecognizedEntity(EntityType.DateTime, match.Value, match.Index, match.Index + match.Length,
                        new DateTimeResolution([moment], match.Groups["approx"].Success));
                }
                continue;
            }
            if (Resolve(match) is not { Count: > 0 } candidates)
            {
                continue;
            }
            var approximate = match.Groups["approx"].Success;
            if (match.Groups["dpod"].Success)
            {
                var day = DateOnly.FromDateTime(now).AddDays(_lexicon.DaysWithPartOfDay[match.Groups["dpod"].Value].Days);
                yield return new RecognizedEntity(EntityType.DateTime, match.Value, match.Index, match.Index + match.Length,
                    new DateTimeResolution(candidates.Select(t => day.ToDateTime(t)).ToList(), approximate));
                continue;
            }
            yield return new RecognizedEntity(EntityType.Time, match.Value, match.Index, match.Index + match.Length,
                new TimeResolution(candidates, approximate));
        }
    }

    private List<TimeOnly>? Resolve(Match m)
    {
        if (m.Groups["named"].Success)
        {
            return [TimeOnly.Parse(_lexicon.NamedTimes[m.Groups["named"].Value], System.Globalization.CultureInfo.InvariantCulture)];
        }
        var colon = m.Groups["hh"].Success;
        if ((colon ? _numbers.ParseCount(m.Groups["hh"].Value) : _numbers.ParseCount(m.Groups["h"].Value)) is not { } hour || hour > 24)
        {
            return null;
        }
        var minute = colon ? _numbers.ParseCount(m.Groups["mm"].Value) ?? -1
            : m.Groups["half"].Success ? 30
            : m.Groups["m"].Success ? _numbers.ParseCount(m.Groups["m"].Value) ?? -1
            : 0;
        if (minute is < 0 or > 59)
        {
            return null;
        }
        var partOfDay = m.Groups["pod"].Success ? _lexicon.PartsOfDay[m.Groups["pod"].Value]
            : m.Groups["dpod"].Success ? _lexicon.PartsOfDay[_lexicon.DaysWithPartOfDay[m.Groups["dpod"].Value].PartOfDay]
            : null;
        if (partOfDay is not null)
        {
            if (hour is < 1 or > 12)
            {
                return hour is >= 13 and <= 23 ? [new TimeOnly(hour, minute)] : null;
            }
            return [new TimeOnly(partOfDay.To24Hour(hour), minute)];
        }
        if (colon)
        {
            return hour <= 23 ? [new TimeOnly(hour, minute)] : null;
        }
        return hour switch
        {
            0 or 24 => [new TimeOnly(0, minute)],
            >= 13 => [new TimeOnly(hour, minute)],
            12 => [new TimeOnly(0, minute), new TimeOnly(12, minute)],
            _ => [new TimeOnly(hour, minute), new TimeOnly(hour + 12, minute)],
        };
    }
}

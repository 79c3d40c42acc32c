namespace ParkingBot.Language.Recognizers;

/// <summary>Whether the asked-for time lies before now (entry time) or after it (planned exit).</summary>
public enum TimeDirection
{
    Past,
    Future,
}

/// <summary>A full moment (Korea time) and whether the customer said it was approximate (쯤, 경).</summary>
public sealed record RecognizedMoment(DateTime Moment, bool Approximate)
{
    public TimeOnly Time => TimeOnly.FromDateTime(Moment);
}

/// <summary>
/// Turns a recognized time into a full moment, so that "내일 아침 9시" stays tomorrow. A time said without a day is
/// taken on the asked side of now: for the past the latest candidate today not after now; for the future the earliest
/// candidate after now, today or else tomorrow ("새벽 2시에 나가요" at 15:00 is tomorrow 02:00). A time said with a day
/// keeps that day; when 오전/오후 was not said, the candidate on the asked side of now wins.
/// </summary>
public static class Moments
{
    public static RecognizedMoment? Resolve(EntityResolution resolution, DateTime now, TimeDirection direction) => resolution switch
    {
        TimeResolution time => new RecognizedMoment(Pick(OnNearbyDays(time.Candidates, now, direction), now, direction), time.Approximate),
        DateTimeResolution dateTime => new RecognizedMoment(Pick(dateTime.Candidates, now, direction), dateTime.Approximate),
        _ => null,
    };

    /// <summary>The first time or date-time of <paramref name="entities"/> as a moment, or null.</summary>
    public static RecognizedMoment? First(IEnumerable<RecognizedEntity> entities, DateTime now, TimeDirection direction) =>
        entities.Select(e => Resolve(e.Resolution, now, direction)).FirstOrDefault(m => m is not null);

    private static List<DateTime> OnNearbyDays(IReadOnlyList<TimeOnly> times, DateTime now, TimeDirection direction)
    {
        var today = DateOnly.FromDateTime(now);
        var moments = times.Select(t => today.ToDateTime(t)).ToList();
        if (direction == TimeDirection.Future && moments.All(m => m <= now))
        {
            moments.AddRange(times.Select(t => today.AddDays(1).ToDateTime(t)));
        }
        return moments;
    }

    private static DateTime Pick(IReadOnlyList<DateTime> candidates, DateTime now, TimeDirection direction) =>
        candidates.Count == 1
            ? candidates[0]
            : direction == TimeDirection.Past
                ? candidates.Where(c => c <= now).DefaultIfEmpty(candidates[^1]).Max()
                : candidates.Where(c => c > now).DefaultIfEmpty(candidates[0]).Min();
}

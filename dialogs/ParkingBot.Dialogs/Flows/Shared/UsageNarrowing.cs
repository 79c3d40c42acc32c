using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>What a customer said of the usage they mean beyond its day, car and lot.</summary>
/// <param name="EntryTime">When they say it began ("세 시간 반쯤 전부터", "11시 넘어서"), in Korea time.</param>
/// <param name="Statuses">How they say it shows in the app ("이용 중으로 나오는 거", "제가 앱에서 취소한 거").</param>
/// <param name="Amount">What it cost ("0원으로 나오는 거", "7천원 나간 거").</param>
public sealed record UsageHints(DateTime? EntryTime, IReadOnlyCollection<UsageStatus> Statuses, long? Amount)
{
    public bool Any => EntryTime is not null || Statuses.Count > 0 || Amount is not null;
}

/// <summary>
/// Which of several usages the customer means, by the hints they gave: each hint keeps the usages that hold it, and
/// is set aside when none does (a customer's memory is not the record: a hint never leaves nothing to offer). A time
/// holds when the record's entry is within <see cref="EntryTolerance"/> of it.
/// </summary>
public static class UsageNarrowing
{
    /// <summary>A time said roughly ("쯤", "넘어서", "세 시간 반 전") is within about half an hour of the record.</summary>
    public static readonly TimeSpan EntryTolerance = TimeSpan.FromMinutes(40);

    public static IReadOnlyList<Usage> Narrow(IReadOnlyList<Usage> usages, UsageHints hints)
    {
        var kept = usages;
        if (hints.Statuses.Count > 0)
        {
            kept = Keep(kept, u => hints.Statuses.Contains(u.Status));
        }
        if (hints.Amount is { } amount)
        {
            kept = Keep(kept, u => u.Amount == amount);
        }
        if (hints.EntryTime is { } said)
        {
            kept = Keep(kept, u => u.EntryAt is { } entry && (entry.ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime - said).Duration() <= EntryTolerance);
        }
        return kept;
    }

    private static IReadOnlyList<Usage> Keep(IReadOnlyList<Usage> usages, Func<Usage, bool> holds) =>
        usages.Where(holds).ToList() is { Count: > 0 } holding ? holding : usages;
}

using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Queue;

/// <summary>Where a waiting customer stands: their place in the queue and, when recent cases allow it, the expected wait.</summary>
/// <param name="OutOfHours">Agents are not working now: the case will be answered later (by text), not in this chat.</param>
public sealed record QueueStanding(int Position, TimeSpan? ExpectedWait, bool OutOfHours = false)
{
    /// <summary>Recent cases this many hours old at most are the sample of handling times.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private const int Sample = 20;

    /// <summary>
    /// The customer's place is one more than the queued cases created before theirs. The expected wait is the median
    /// handling time (claimed → resolved) of the last 20 cases resolved in the window, for each round of cases the working
    /// agents (those with a case now or resolved in the last hour, at least one) take before this one; unknown without any.
    /// </summary>
    public static QueueStanding Of(HandoffCase waiting, IReadOnlyList<HandoffCase> cases, DateTimeOffset now)
    {
        var position = 1 + cases.Count(c => c.Status == HandoffStatus.Queued && c.Id != waiting.Id
            && (c.CreatedAt < waiting.CreatedAt || (c.CreatedAt == waiting.CreatedAt && string.CompareOrdinal(c.Id, waiting.Id) < 0)));
        var handled = cases
            .Where(c => c is { Status: HandoffStatus.Resolved, AssignedAt: not null, ClosedAt: not null } && now - c.ClosedAt!.Value <= Window)
            .OrderByDescending(c => c.ClosedAt)
            .Take(Sample)
            .Select(c => c.ClosedAt!.Value - c.AssignedAt!.Value)
            .Where(d => d > TimeSpan.Zero)
            .Order()
            .ToList();
        if (handled.Count == 0)
        {
            return new QueueStanding(position, null);
        }
        var median = handled.Count % 2 == 1 ? handled[handled.Count / 2] : (handled[handled.Count / 2 - 1] + handled[handled.Count / 2]) / 2;
        var agents = Math.Max(1, cases
            .Where(c => c.AgentId is not null && (c.Status == HandoffStatus.Assigned || (c.Status == HandoffStatus.Resolved && now - c.ClosedAt <= TimeSpan.FromHours(1))))
            .Select(c => c.AgentId)
            .Distinct()
            .Count());
        var rounds = (position + agents - 1) / agents;
        var expected = median * rounds;
        return new QueueStanding(position, TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(expected.TotalMinutes))));
    }
}

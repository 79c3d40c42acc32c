namespace ParkingBot.Framework.Analytics;

/// <summary>The figures of one flow (or of all flows: <see cref="AnalyticsReport.AllFlows"/>) over a period.</summary>
public sealed record FlowFigures(string Flow)
{
    /// <summary>Runs of the flow that started in the period.</summary>
    public int Started { get; set; }

    /// <summary>Endings by kind (<see cref="FlowEnding"/> names).</summary>
    public SortedDictionary<string, int> Endings { get; } = new(StringComparer.Ordinal);

    /// <summary>Endings the bot contained (Resolved and Informed).</summary>
    public int Contained => Endings.Where(e => Enum.TryParse<FlowEnding>(e.Key, out var ending) && ending.Contained()).Sum(e => e.Value);
    public int Ended => Endings.Values.Sum();

    /// <summary>Contained answers the customer confirmed, and those assumed after quiet: never added together.</summary>
    public int Verified { get; set; }
    public int Assumed { get; set; }

    /// <summary>Flows handed to a person, by the handoff reason (a case with two reasons counts for each).</summary>
    public SortedDictionary<string, int> HandoffReasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Abandonments by the question left unanswered.</summary>
    public SortedDictionary<string, int> AbandonedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>CSAT ratings (the last of each session), 1 to 5: index 0 is 1점.</summary>
    public int[] Csat { get; } = new int[5];
    public int CsatCount => Csat.Sum();
    public double? CsatAverage => CsatCount == 0 ? null : Csat.Select((n, i) => n * (i + 1.0)).Sum() / CsatCount;
    public double? ContainmentRate => Ended == 0 ? null : (double)Contained / Ended;
    [System.Text.Json.Serialization.JsonIgnore]
    public List<long> Durations { get; } = [];
    public double? MedianDurationSeconds => AnalyticsReport.Median(Durations) / 1000.0;
}

/// <summary>
/// What the outcome record says about a period, per flow and overall: the supervisor view, its CSV and the analytics
/// command all show this one report. Built from events only, by a pure function.
/// </summary>
public sealed class AnalyticsReport
{
    public const string AllFlows = "*";

    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }

    /// <summary>Sessions started by a customer's message (not those an agent handed back).</summary>
    public int Conversations { get; private set; }
    public FlowFigures Overall { get; } = new(AllFlows);
    public SortedDictionary<string, FlowFigures> Flows { get; } = new(StringComparer.Ordinal);

    /// <summary>Cases opened, by 상담 유형 (the case category agents see).</summary>
    public SortedDictionary<string, int> CasesByCategory { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> CasesByReason { get; } = new(StringComparer.Ordinal);
    public int CasesOpened { get; private set; }
    public int CasesCancelled { get; private set; }
    [System.Text.Json.Serialization.JsonIgnore]
    public List<long> CaseWaits { get; } = [];
    [System.Text.Json.Serialization.JsonIgnore]
    public List<long> CaseHandlings { get; } = [];
    public double? MedianWaitSeconds => Median(CaseWaits) / 1000.0;
    public double? MedianHandlingSeconds => Median(CaseHandlings) / 1000.0;

    /// <summary>CSAT of sessions an agent handed back (about the agent), apart from the bot's.</summary>
    public int[] AgentCsat { get; } = new int[5];

    public static AnalyticsReport Of(IEnumerable<ConversationEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var report = new AnalyticsReport { From = from, To = to };
        var lastRatings = new Dictionary<string, ConversationEvent>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.At))
        {
            switch (e.Kind)
            {
                case ConversationEventKinds.ConversationStarted when e.Detail is null:
                    report.Conversations++;
                    break;
                case ConversationEventKinds.TopicStarted when e.Detail != TopicChoices.Resumed:
                    report.Each(e.Flow, f => f.Started++);
                    break;
                case ConversationEventKinds.FlowEnded when e.Ending is { } ending:
                    report.Each(e.Flow, f =>
                    {
                        Count(f.Endings, ending);
                        if (e.DurationMs is { } duration)
                        {
                            f.Durations.Add(duration);
                        }
                        if (ending == nameof(FlowEnding.HandedOff))
                        {
                            foreach (var reason in (e.Reason ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                            {
                                Count(f.HandoffReasons, reason);
                            }
                        }
                        if (ending == nameof(FlowEnding.Abandoned))
                        {
                            Count(f.AbandonedAt, e.Reason ?? "-");
                        }
                    });
                    break;
                case ConversationEventKinds.ResolutionConfirmed:
                    report.Each(e.Flow, f => _ = e.Detail == Resolutions.Verified ? f.Verified++ : f.Assumed++);
                    break;
                case ConversationEventKinds.CsatAnswered when e.Score is >= 1 and <= 5:
                    // The last answer of a session counts.
                    lastRatings[e.Key[..Math.Max(0, e.Key.IndexOf(":csat:", StringComparison.Ordinal))]] = e;
                    break;
                case ConversationEventKinds.HandoffOpened:
                    report.CasesOpened++;
                    Count(report.CasesByCategory, e.Detail ?? "-");
                    foreach (var reason in (e.Reason ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Count(report.CasesByReason, reason);
                    }
                    break;
                case ConversationEventKinds.HandoffClaimed when e.DurationMs is { } wait:
                    report.CaseWaits.Add(wait);
                    break;
                case ConversationEventKinds.HandoffResolved when e.DurationMs is { } handling:
                    report.CaseHandlings.Add(handling);
                    break;
                case ConversationEventKinds.HandoffCancelled:
                    report.CasesCancelled++;
                    break;
            }
        }
        foreach (var rating in lastRatings.Values)
        {
            if (rating.Detail == "agent")
            {
                report.AgentCsat[rating.Score!.Value - 1]++;
            }
            else
            {
                report.Each(rating.Flow, f => f.Csat[rating.Score!.Value - 1]++);
            }
        }
        return report;
    }

    /// <summary>Applies a count to the flow's figures and the overall ones.</summary>
    private void Each(string? flow, Action<FlowFigures> apply)
    {
        apply(Overall);
        var name = flow ?? "-";
        apply(Flows.TryGetValue(name, out var figures) ? figures : Flows[name] = new FlowFigures(name));
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    public static double? Median(List<long> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

/// <summary>Builds reports from the store.</summary>
public sealed class AnalyticsReports(ConversationEvents events)
{
    public async Task<AnalyticsReport> BuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        AnalyticsReport.Of(await events.ReadAsync(from, to, cancellationToken), from, to);
}

using System.Globalization;
using System.Text;

namespace ParkingBot.Framework.Analytics;

/// <summary>The report as CSV (one figure a row: section, flow, metric, value) and as plain text tables for a terminal.</summary>
public static class AnalyticsFormats
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Csv(AnalyticsReport report)
    {
        var csv = new StringBuilder("section,flow,metric,value\n");
        void Row(string section, string flow, string metric, object? value) =>
            csv.Append(Field(section)).Append(',').Append(Field(flow)).Append(',').Append(Field(metric)).Append(',').Append(Field(Format(value))).Append('\n');
        Row("period", "", "from", report.From.ToString("O", Invariant));
        Row("period", "", "to", report.To.ToString("O", Invariant));
        Row("conversations", "", "count", report.Conversations);
        foreach (var figures in new[] { report.Overall }.Concat(report.Flows.Values))
        {
            var flow = figures.Flow;
            Row("flow", flow, "started", figures.Started);
            Row("flow", flow, "ended", figures.Ended);
            foreach (var ending in Enum.GetNames<FlowEnding>())
            {
                Row("ending", flow, ending, figures.Endings.GetValueOrDefault(ending));
            }
            Row("flow", flow, "containment", figures.ContainmentRate);
            Row("resolution", flow, Resolutions.Verified, figures.Verified);
            Row("resolution", flow, Resolutions.Assumed, figures.Assumed);
            foreach (var (reason, count) in figures.HandoffReasons)
            {
                Row("handoffReason", flow, reason, count);
            }
            foreach (var (step, count) in figures.AbandonedAt)
            {
                Row("abandonedAt", flow, step, count);
            }
            for (var score = 1; score <= 5; score++)
            {
                Row("csat", flow, $"{score}", figures.Csat[score - 1]);
            }
            Row("csat", flow, "average", figures.CsatAverage);
            Row("flow", flow, "medianDurationSeconds", figures.MedianDurationSeconds);
        }
        for (var score = 1; score <= 5; score++)
        {
            Row("agentCsat", "", $"{score}", report.AgentCsat[score - 1]);
        }
        Row("cases", "", "opened", report.CasesOpened);
        Row("cases", "", "cancelledByCustomer", report.CasesCancelled);
        Row("cases", "", "medianWaitSeconds", report.MedianWaitSeconds);
        Row("cases", "", "medianHandlingSeconds", report.MedianHandlingSeconds);
        foreach (var (category, count) in report.CasesByCategory)
        {
            Row("caseCategory", "", category, count);
        }
        foreach (var (reason, count) in report.CasesByReason)
        {
            Row("caseReason", "", reason, count);
        }
        return csv.ToString();
    }

    public static string Text(AnalyticsReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ParkingBot outcomes {report.From:yyyy-MM-dd HH:mm zzz} to {report.To:yyyy-MM-dd HH:mm zzz}\n");
        text.Append(CultureInfo.InvariantCulture, $"Conversations: {report.Conversations}\n\n");
        var endings = Enum.GetNames<FlowEnding>();
        var header = new[] { "flow", "started", "ended" }.Concat(endings).Concat(["contained", "verified", "assumed", "CSAT (n)", "median s"]).ToArray();
        var rows = new[] { report.Overall }.Concat(report.Flows.Values).Select(f => new[] { f.Flow == AnalyticsReport.AllFlows ? "all flows" : f.Flow, $"{f.Started}", $"{f.Ended}" }
            .Concat(endings.Select(e => $"{f.Endings.GetValueOrDefault(e)}"))
            .Concat([Percent(f.ContainmentRate), $"{f.Verified}", $"{f.Assumed}", f.CsatAverage is { } avg ? $"{avg:0.00} ({f.CsatCount})" : $"- ({f.CsatCount})",
                Format(f.MedianDurationSeconds)]).ToArray()).ToList();
        Table(text, header, rows);
        text.Append("\nHandoffs by reason\n");
        Table(text, ["flow", "reason", "count"], report.Flows.Values.SelectMany(f => f.HandoffReasons.Select(r => new[] { f.Flow, r.Key, $"{r.Value}" })).ToList());
        text.Append("\nAbandoned at\n");
        Table(text, ["flow", "question", "count"], report.Flows.Values.SelectMany(f => f.AbandonedAt.Select(r => new[] { f.Flow, r.Key, $"{r.Value}" })).ToList());
        text.Append("\nCSAT of the bot by score 1-5: ").Append(string.Join(" / ", report.Overall.Csat))
            .Append("; of agents: ").Append(string.Join(" / ", report.AgentCsat)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"\nCases: {report.CasesOpened} opened, {report.CasesCancelled} cancelled by the customer, median wait {Format(report.MedianWaitSeconds)} s, median handling {Format(report.MedianHandlingSeconds)} s\n");
        Table(text, ["상담 유형", "count"], report.CasesByCategory.Select(c => new[] { c.Key, $"{c.Value}" }).ToList());
        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] header, List<string[]> rows)
    {
        if (rows.Count == 0)
        {
            text.Append("  (none)\n");
            return;
        }
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in new[] { header }.Concat(rows))
        {
            text.Append("  ").Append(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])))).Append('\n');
        }
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Invariant) + "%" : "-";

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", Invariant),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

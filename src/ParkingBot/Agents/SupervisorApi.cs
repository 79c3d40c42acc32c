using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Analytics;

namespace ParkingBot.Agents;

/// <summary>
/// The supervisor view's API (agents with the supervisor role): the outcome report of a period with the Korean names to
/// show it by, its CSV, and the designers' list of messages the bot did not understand, also as CLU utterances.
/// </summary>
public static class SupervisorApi
{
    public static void MapSupervisorApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/agent/supervisor").RequireAuthorization(AgentConsoleExtensions.SupervisorPolicy);
        api.MapGet("/report", async (string? from, string? to, AnalyticsReports reports, AnalyticsLabels labels, CancellationToken ct) =>
            await WithPeriodAsync(from, to, async period => TypedResults.Ok(new
            {
                report = await reports.BuildAsync(period.From, period.To, ct),
                labels = new { flows = labels.Flows, endings = labels.Endings, reasons = labels.Reasons },
            })));
        api.MapGet("/report.csv", async (string? from, string? to, AnalyticsReports reports, CancellationToken ct) =>
            await WithPeriodAsync(from, to, async period => Download(AnalyticsFormats.Csv(await reports.BuildAsync(period.From, period.To, ct)),
                "text/csv; charset=utf-8", $"parkingbot-outcomes-{from}-{to}.csv")));
        api.MapGet("/not-understood", async (string? from, string? to, ConversationEvents events, CancellationToken ct) =>
            await WithPeriodAsync(from, to, async period => TypedResults.Ok(await NotUnderstoodAsync(events, period, ct))));
        api.MapGet("/not-understood.clu.json", async (string? from, string? to, ConversationEvents events, CancellationToken ct) =>
            await WithPeriodAsync(from, to, async period => Download(NotUnderstood.CluUtterances(await NotUnderstoodAsync(events, period, ct)).ToJsonString(
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
                "application/json; charset=utf-8", $"parkingbot-not-understood-{from}-{to}.clu.json")));
    }

    private static async Task<IReadOnlyList<NotUnderstoodMessage>> NotUnderstoodAsync(ConversationEvents events, ReportPeriod period, CancellationToken ct) =>
        NotUnderstood.Group(await events.ReadRemarksAsync(CustomerRemark.NotUnderstood, period.From, period.To, ct));

    private static async Task<IResult> WithPeriodAsync(string? from, string? to, Func<ReportPeriod, Task<IResult>> answer) =>
        ReportPeriod.Parse(from, to) is ({ } period, _)
            ? await answer(period)
            : TypedResults.Problem(ReportPeriod.Parse(from, to).Problem, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Download(string content, string contentType, string fileName) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content), contentType, fileName);
}

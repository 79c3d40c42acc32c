using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Queue;

/// <summary>Which cases an agent sees and under which of the console's views (대기, 내 상담, 종료).</summary>
public static class CaseViews
{
    public const string Waiting = "waiting";
    public const string Mine = "mine";
    public const string Others = "others";
    public const string Closed = "closed";

    /// <summary>Closed cases stay in the console's 종료 view this long.</summary>
    public static readonly TimeSpan ClosedKept = TimeSpan.FromHours(24);

    /// <summary>
    /// Every agent sees the cases nobody has (waiting, follow-ups, and those the customer left before anyone took them);
    /// a case someone has is theirs alone; a supervisor sees every case.
    /// </summary>
    public static bool MaySee(HandoffCase handoffCase, string agentId, bool supervisor) =>
        supervisor || handoffCase.AgentId is null || handoffCase.AgentId == agentId;

    public static string ViewOf(HandoffCase handoffCase, string agentId) => handoffCase switch
    {
        { IsClosed: true } => Closed,
        { AgentId: null } => Waiting,
        _ when handoffCase.AgentId == agentId => Mine,
        _ => Others,
    };
}

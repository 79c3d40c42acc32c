namespace ParkingBot.Handoff.Queue;

/// <summary>
/// When agents answer chats (Agents:Hours, Korea time), e.g. Days = [Mon, Tue, Wed, Thu, Fri], From = 09:00, To = 18:00.
/// Not configured: always. Outside the hours a case still opens, and the customer is told it is answered by text later.
/// </summary>
public sealed class AgentHours
{
    private static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);

    public List<DayOfWeek> Days { get; set; } = [];
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }

    public bool Configured => From is not null && To is not null;

    public bool IsOpen(DateTimeOffset now)
    {
        if (!Configured)
        {
            return true;
        }
        var korea = now.ToOffset(KoreaOffset);
        var time = TimeOnly.FromDateTime(korea.DateTime);
        var days = Days.Count == 0 ? Enum.GetValues<DayOfWeek>() : [.. Days];
        // Hours past midnight (22:00–06:00) belong to the day they start on.
        return From <= To
            ? days.Contains(korea.DayOfWeek) && time >= From && time < To
            : (days.Contains(korea.DayOfWeek) && time >= From) || (days.Contains(korea.AddDays(-1).DayOfWeek) && time < To);
    }
}

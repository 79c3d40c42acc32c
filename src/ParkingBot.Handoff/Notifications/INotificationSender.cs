using ParkingBot.Data;

namespace ParkingBot.Handoff.Notifications;

/// <summary>A follow-up to the customer's registered contact ("확인 후 등록된 연락처로 문자 안내").</summary>
public sealed record Notification(string CaseId, string CustomerUserId, string Text);

/// <summary>
/// Follow-ups go through the outbox: its row is written in the same transaction as the change that promises the follow-up
/// (an agent resolving a case), so a crash between the two cannot leave a resolved case without its follow-up.
/// </summary>
public interface INotificationSender
{
    /// <summary>The outbox row of <paramref name="notification"/>, to write with the change that promises it.</summary>
    SqlStatement Queue(Notification notification);

    /// <summary>Rows from <see cref="Queue"/> were written: deliver them (a webhook), or leave them for an agent.</summary>
    void Queued();
}

namespace ParkingBot.Handoff.Notifications;

/// <summary>A follow-up to the customer's registered contact ("확인 후 등록된 연락처로 문자 안내").</summary>
public sealed record Notification(string CaseId, string CustomerUserId, string Text);

public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}

namespace ParkingBot.Dialogs.Handoff;

/// <summary>상담 유형 of the playbooks, as agents file them (agent-facing, not said to customers).</summary>
public static class ConsultationCategories
{
    public const string CustomerRequest = "주차_고객 ▶ 상담원 연결 요청";
}

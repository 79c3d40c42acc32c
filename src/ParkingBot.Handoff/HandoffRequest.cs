using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff;

/// <summary>What a dialog step hands to a human: the flow, the playbook's 상담 유형, why, a summary and what it gathered.</summary>
public sealed record HandoffRequest(
    string Flow,
    string Category,
    IReadOnlyList<HandoffReason> Reasons,
    string Summary,
    IReadOnlyDictionary<string, string> Slots)
{
    public IReadOnlyList<CaseAttachment> Attachments { get; init; } = [];
}

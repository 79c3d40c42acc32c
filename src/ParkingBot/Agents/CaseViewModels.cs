using ParkingBot.Dialogs.Responses;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Queue;

namespace ParkingBot.Agents;

/// <summary>A case as the console lists it: its view (대기, 내 상담, 종료), labels in Korean and the times its timers run from.</summary>
public sealed record CaseListItem(string Id, string View, HandoffStatus Status, string StatusLabel, string Flow, string FlowLabel, string Category,
    IReadOnlyList<string> Reasons, string Summary, DateTimeOffset CreatedAt, DateTimeOffset? AssignedAt, DateTimeOffset? ClosedAt, string? AgentName,
    string? CarNumber, string? LastCustomerText, bool RepliesInChannelChat);

/// <summary>One named value of a case, with its key kept for tests and tools (never shown).</summary>
public sealed record LabelledSlot(string Key, string Label, string Value);

public sealed record TranscriptLine(DateTimeOffset At, TranscriptSender Sender, string Name, string? Text, IReadOnlyList<CaseAttachment> Attachments,
    IReadOnlyList<string> Buttons);

/// <summary>A case as the console opens it: everything in Korean, the usage panel, every attachment, the transcript with times and buttons.</summary>
/// <param name="Channel">The customer's channel and conversation (for tools and for finding a case; the console does not show them).</param>
public sealed record CaseDetail(CaseListItem Case, string Channel, string ConversationId, string? AgentId, IReadOnlyList<LabelledSlot> Usage, IReadOnlyList<LabelledSlot> Slots,
    IReadOnlyList<CaseAttachment> Attachments, IReadOnlyList<TranscriptLine> Transcript, IReadOnlyList<CaseNote> Notes, string? ResolutionNote,
    IReadOnlyList<ConsoleTemplate> Templates);

public sealed class CaseViewModels(ConsoleTexts texts, AnalyticsLabels labels)
{
    public CaseListItem ListItem(HandoffCase c, string agentId) => new(c.Id, CaseViews.ViewOf(c, agentId), c.Status,
        texts.Statuses.GetValueOrDefault(c.Status.ToString(), c.Status.ToString()), c.Flow, labels.Flows.GetValueOrDefault(c.Flow, labels.Flows["AgentRequest"]),
        c.Category, [.. c.Reasons.Select(r => labels.Reasons[r.ToString()])], c.Summary, c.CreatedAt, c.AssignedAt, c.ClosedAt, c.AgentName,
        c.Slots.GetValueOrDefault("carNumber"), c.Transcript.LastOrDefault(t => t.Sender == TranscriptSender.Customer)?.Text, c.RepliesInChannelChat);

    public CaseDetail Detail(HandoffCase c, string agentId)
    {
        var usage = texts.Usage.Where(c.Slots.ContainsKey).ToList();
        return new CaseDetail(ListItem(c, agentId), c.Conversation.ChannelId ?? "", c.Conversation.Conversation?.Id ?? "", c.AgentId,
            [.. usage.Select(key => Labelled(key, c.Slots[key]))],
            [.. c.Slots.Where(s => !usage.Contains(s.Key)).Select(s => Labelled(s.Key, s.Value))],
            c.Attachments,
            [.. c.Transcript.Select(t => new TranscriptLine(t.At, t.Sender, t.Name, t.Text, t.Attachments ?? [], t.Buttons ?? []))],
            c.Notes, c.ResolutionNote, texts.Fill(c.Slots));
    }

    private LabelledSlot Labelled(string key, string value) => new(key, texts.SlotName(key), texts.SlotValue(value));
}

using System.Text.Json.Serialization;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Handoff.Cases;

public enum HandoffStatus
{
    Queued,
    Assigned,
    Resolved,
    CancelledByCustomer,
}

/// <summary>Why a human is needed (one or more).</summary>
public enum HandoffReason
{
    OutboundCall,
    AttachmentReview,
    Refund,
    CustomerRequest,
    BotFailure,
}

public enum TranscriptSender
{
    Customer,
    Bot,
    Agent,
}

/// <summary>One message of the conversation as it happened, with its original sender.</summary>
/// <param name="Key">What the line records (its activity and place in the turn); a line with a key already recorded is not recorded again.</param>
public sealed record TranscriptEntry(DateTimeOffset At, TranscriptSender Sender, string Name, string? Text, IReadOnlyList<CaseAttachment>? Attachments = null, string? Key = null);

public sealed record CaseAttachment(string Name, string ContentType, string Url);

public enum TransitionRefusal
{
    None,
    NotQueued,
    NotAssignedToThisAgent,
    AlreadyClosed,
}

/// <summary>
/// A conversation handed to a human agent with everything the bot gathered. It guards its own
/// transitions: queued → assigned → resolved, and queued or assigned → cancelled by the customer.
/// </summary>
public sealed class HandoffCase
{
    [JsonConstructor]
    public HandoffCase(string id, ConversationReference conversation, string flow, string category, IReadOnlyList<HandoffReason> reasons,
        string summary, IReadOnlyDictionary<string, string> slots, DateTimeOffset createdAt)
    {
        if (reasons.Count == 0)
        {
            throw new ArgumentException("A handoff case needs at least one reason.", nameof(reasons));
        }
        Id = id;
        Conversation = conversation;
        Flow = flow;
        Category = category;
        Reasons = reasons;
        Summary = summary;
        Slots = slots;
        CreatedAt = createdAt;
    }

    public string Id { get; }
    public ConversationReference Conversation { get; }
    public string Flow { get; }

    /// <summary>상담 유형 from the playbook, e.g. 주차_고객 ▶ 결제 ▶ 입출차 오/미인식 ▶ 연동.</summary>
    public string Category { get; }

    public IReadOnlyList<HandoffReason> Reasons { get; }

    /// <summary>A one-line Korean summary for the agent.</summary>
    public string Summary { get; }

    public IReadOnlyDictionary<string, string> Slots { get; }
    public DateTimeOffset CreatedAt { get; }

    [JsonInclude]
    public HandoffStatus Status { get; private set; }

    [JsonInclude]
    public List<CaseAttachment> Attachments { get; private set; } = [];

    [JsonInclude]
    public List<TranscriptEntry> Transcript { get; private set; } = [];

    [JsonInclude]
    public string? AgentId { get; private set; }

    [JsonInclude]
    public string? AgentName { get; private set; }

    [JsonInclude]
    public DateTimeOffset? AssignedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ClosedAt { get; private set; }

    [JsonInclude]
    public string? ResolutionNote { get; private set; }

    /// <summary>
    /// The customer's channel has its own agent chat (KakaoTalk): the agent answers there, so the console sends nothing
    /// through the bot for this case (claiming and resolving still work).
    /// </summary>
    [JsonInclude]
    public bool RepliesInChannelChat { get; init; }

    /// <summary>The idempotency key of the turn that opened the case: that turn, run again, is not a message to the agent.</summary>
    [JsonInclude]
    public string? OpenedBy { get; init; }

    /// <summary>The idempotency key of the customer's turn that cancelled the case.</summary>
    [JsonInclude]
    public string? CancelledBy { get; private set; }

    public bool IsOpen => Status is HandoffStatus.Queued or HandoffStatus.Assigned;

    public void AddAttachments(IEnumerable<CaseAttachment> attachments) => Attachments.AddRange(attachments);

    public void Record(TranscriptEntry entry)
    {
        if (entry.Key is null || !Transcript.Any(e => e.Key == entry.Key))
        {
            Transcript.Add(entry);
        }
    }

    public TransitionRefusal Assign(string agentId, string agentName, DateTimeOffset now)
    {
        if (Status != HandoffStatus.Queued)
        {
            return IsOpen ? TransitionRefusal.NotQueued : TransitionRefusal.AlreadyClosed;
        }
        Status = HandoffStatus.Assigned;
        AgentId = agentId;
        AgentName = agentName;
        AssignedAt = now;
        return TransitionRefusal.None;
    }

    public TransitionRefusal Resolve(string agentId, string note, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return TransitionRefusal.AlreadyClosed;
        }
        if (Status != HandoffStatus.Assigned || AgentId != agentId)
        {
            return TransitionRefusal.NotAssignedToThisAgent;
        }
        Status = HandoffStatus.Resolved;
        ResolutionNote = note;
        ClosedAt = now;
        return TransitionRefusal.None;
    }

    /// <param name="turnKey">The idempotency key of the customer's turn: the same turn run again finds the case cancelled by itself and succeeds.</param>
    public TransitionRefusal CancelByCustomer(DateTimeOffset now, string? turnKey = null)
    {
        if (!IsOpen)
        {
            return Status == HandoffStatus.CancelledByCustomer && turnKey is not null && CancelledBy == turnKey ? TransitionRefusal.None : TransitionRefusal.AlreadyClosed;
        }
        Status = HandoffStatus.CancelledByCustomer;
        ClosedAt = now;
        CancelledBy = turnKey;
        return TransitionRefusal.None;
    }
}

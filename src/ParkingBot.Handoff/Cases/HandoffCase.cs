using System.Text.Json.Serialization;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Handoff.Cases;

public enum HandoffStatus
{
    Queued,
    Assigned,
    Resolved,
    CancelledByCustomer,

    /// <summary>The customer left the chat while waiting, but the back-office request (a refund, a review, a call) goes on: an agent does it and resolves with a follow-up.</summary>
    FollowUp,
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
/// <param name="Buttons">The buttons the bot offered with the message (suggested actions).</param>
public sealed record TranscriptEntry(DateTimeOffset At, TranscriptSender Sender, string Name, string? Text, IReadOnlyList<CaseAttachment>? Attachments = null, string? Key = null,
    IReadOnlyList<string>? Buttons = null);

public sealed record CaseAttachment(string Name, string ContentType, string Url);

/// <summary>A note agents leave on a case for each other; the customer never sees it.</summary>
public sealed record CaseNote(DateTimeOffset At, string AgentId, string AgentName, string Text);

public enum TransitionRefusal
{
    None,
    NotQueued,
    NotAssignedToThisAgent,
    AlreadyClosed,
    SameAgent,
}

/// <summary>
/// A conversation handed to a human agent with everything the bot gathered. It guards its own
/// transitions: queued → assigned → resolved; assigned → queued (released) or → assigned to another agent (transferred);
/// queued or assigned → cancelled by the customer, or → follow-up when the customer leaves the chat but the back-office
/// request goes on; follow-up → resolved by any agent.
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

    [JsonInclude]
    public List<CaseNote> Notes { get; private set; } = [];

    /// <summary>The customer pressed 상담 취소 and was asked to confirm (the case has back-office work that would go on).</summary>
    [JsonInclude]
    public bool CancelAsked { get; private set; }

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

    /// <summary>The customer's chat belongs to the case (waiting or talking to an agent).</summary>
    public bool IsOpen => Status is HandoffStatus.Queued or HandoffStatus.Assigned;

    /// <summary>Nothing is left to do: resolved, or cancelled with nothing kept.</summary>
    public bool IsClosed => Status is HandoffStatus.Resolved or HandoffStatus.CancelledByCustomer;

    /// <summary>The reasons that are work beyond the chat, which goes on if the customer stops waiting.</summary>
    public IReadOnlyList<HandoffReason> BackOfficeWork => [.. Reasons.Where(r => r is HandoffReason.Refund or HandoffReason.AttachmentReview or HandoffReason.OutboundCall)];

    /// <summary>Adds attachments not already on the case (the same file sent twice is kept once).</summary>
    public void AddAttachments(IEnumerable<CaseAttachment> attachments) =>
        Attachments.AddRange(attachments.Where(a => !Attachments.Any(kept => kept.Url == a.Url)).DistinctBy(a => a.Url));

    /// <summary>Records a message; what the customer attaches goes to the case's attachments too.</summary>
    public void Record(TranscriptEntry entry)
    {
        if (entry.Key is null || !Transcript.Any(e => e.Key == entry.Key))
        {
            Transcript.Add(entry);
        }
        if (entry.Sender == TranscriptSender.Customer && entry.Attachments is { Count: > 0 } attachments)
        {
            AddAttachments(attachments);
        }
    }

    public void AddNote(CaseNote note) => Notes.Add(note);

    public void AskCancel(bool asked) => CancelAsked = asked;

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

    /// <summary>Resolves the agent's own case, or a follow-up case (any agent may, and it becomes theirs).</summary>
    public TransitionRefusal Resolve(string agentId, string agentName, string note, DateTimeOffset now)
    {
        if (IsClosed)
        {
            return TransitionRefusal.AlreadyClosed;
        }
        if (Status == HandoffStatus.FollowUp)
        {
            AgentId = agentId;
            AgentName = agentName;
            AssignedAt ??= now;
        }
        else if (Status != HandoffStatus.Assigned || AgentId != agentId)
        {
            return TransitionRefusal.NotAssignedToThisAgent;
        }
        Status = HandoffStatus.Resolved;
        ResolutionNote = note;
        ClosedAt = now;
        return TransitionRefusal.None;
    }

    /// <summary>The agent gives the case back to the queue (its place is still its creation time).</summary>
    public TransitionRefusal Release(string agentId)
    {
        if (Status != HandoffStatus.Assigned || AgentId != agentId)
        {
            return IsClosed ? TransitionRefusal.AlreadyClosed : TransitionRefusal.NotAssignedToThisAgent;
        }
        Status = HandoffStatus.Queued;
        AgentId = null;
        AgentName = null;
        AssignedAt = null;
        return TransitionRefusal.None;
    }

    /// <summary>The agent hands the case to another agent, who now has it.</summary>
    public TransitionRefusal Transfer(string agentId, string toAgentId, string toAgentName, DateTimeOffset now)
    {
        if (Status != HandoffStatus.Assigned || AgentId != agentId)
        {
            return IsClosed ? TransitionRefusal.AlreadyClosed : TransitionRefusal.NotAssignedToThisAgent;
        }
        if (toAgentId == agentId)
        {
            return TransitionRefusal.SameAgent;
        }
        AgentId = toAgentId;
        AgentName = toAgentName;
        AssignedAt = now;
        return TransitionRefusal.None;
    }

    /// <summary>
    /// The customer stops waiting. A case with back-office work becomes a follow-up (the work goes on and the agent's answer
    /// comes by text); any other case is cancelled.
    /// </summary>
    /// <param name="turnKey">The idempotency key of the customer's turn: the same turn run again finds the case cancelled by itself and succeeds.</param>
    public TransitionRefusal CancelByCustomer(DateTimeOffset now, string? turnKey = null)
    {
        if (!IsOpen)
        {
            return Status is HandoffStatus.CancelledByCustomer or HandoffStatus.FollowUp && turnKey is not null && CancelledBy == turnKey
                ? TransitionRefusal.None : TransitionRefusal.AlreadyClosed;
        }
        CancelAsked = false;
        CancelledBy = turnKey;
        if (BackOfficeWork.Count > 0)
        {
            // An agent who was already talking to the customer keeps the follow-up.
            Status = HandoffStatus.FollowUp;
            return TransitionRefusal.None;
        }
        Status = HandoffStatus.CancelledByCustomer;
        ClosedAt = now;
        return TransitionRefusal.None;
    }
}

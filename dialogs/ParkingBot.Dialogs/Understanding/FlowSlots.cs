namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// What the customer has told the bot in the current inquiry, whatever question it answered (proactive slot filling):
/// steps read it before asking and never ask for what is here. Kept in conversation state; a new topic starts it
/// afresh except for the identity check, which holds for the whole conversation.
/// </summary>
public sealed class FlowSlots
{
    /// <summary>The topic of the current (or just finished) flow.</summary>
    public string? TopicId { get; set; }

    public bool IdentityConfirmed { get; set; }
    public DateOnly? UsageDate { get; set; }
    public string? CarNumber { get; set; }

    /// <summary>The lots a named lot may be (several: the bot asks which); empty for a name the store does not know.</summary>
    public List<string> LotIds { get; set; } = [];

    /// <summary>The lot as the customer named it.</summary>
    public string? LotSaid { get; set; }

    /// <summary>Entry and planned exit as full moments in Korea time ("내일 아침 9시" stays tomorrow).</summary>
    public DateTime? EntryTime { get; set; }
    public DateTime? PlannedExit { get; set; }

    public long? Amount { get; set; }

    /// <summary>The statuses the customer described the usage by ("주차 중이라고 알림이 왔는데"): they pick among several.</summary>
    public List<Parking.Model.UsageStatus> StatusesSaid { get; set; } = [];

    /// <summary>Whether the customer is leaving (at the exit) right now.</summary>
    public bool? LeavingNow { get; set; }

    /// <summary>Whether the usage's car is the customer's own, when they said so before being asked.</summary>
    public bool? OwnCar { get; set; }

    /// <summary>Yes/no questions the customer answered before they were asked, by question name (callButton, paidOnSite).</summary>
    public Dictionary<string, bool> Facts { get; set; } = [];

    /// <summary>The usage (or season pass) the flow settled on, for the follow-up questions after its answer.</summary>
    public string? UsageId { get; set; }
    public string? PassId { get; set; }

    /// <summary>The car has already left the lot (said at any question of the inquiry).</summary>
    public bool AlreadyLeft { get; set; }

    /// <summary>The customer asked for their money back in this inquiry: a case it opens carries Refund among its reasons.</summary>
    public bool RefundAsked { get; set; }

    /// <summary>A Parking CS coupon was requested for the customer in this inquiry (asked again, it is not requested twice).</summary>
    public bool CouponRequested { get; set; }

    /// <summary>
    /// Starts a new inquiry: only the identity check carries over, unless no inquiry has begun yet; then what the
    /// customer said before choosing the topic (a day, a car, a lot at the menu) is kept for it.
    /// </summary>
    public FlowSlots ForNewTopic(string topicId) => TopicId is null
        ? new() { TopicId = topicId, IdentityConfirmed = IdentityConfirmed, UsageDate = UsageDate, CarNumber = CarNumber, LotIds = LotIds, LotSaid = LotSaid,
            EntryTime = EntryTime, PlannedExit = PlannedExit, Amount = Amount, LeavingNow = LeavingNow, OwnCar = OwnCar, Facts = Facts, RefundAsked = RefundAsked,
            AlreadyLeft = AlreadyLeft, StatusesSaid = StatusesSaid }
        : new() { TopicId = topicId, IdentityConfirmed = IdentityConfirmed };
}

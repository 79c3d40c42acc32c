using ParkingBot.Framework.Builder;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>The <see cref="FlowSlots"/> of the conversation, in conversation state (saved with the turn).</summary>
public sealed class SlotMemory(ConversationState conversationState)
{
    private readonly IStatePropertyAccessor<FlowSlots> _slots = conversationState.CreateProperty<FlowSlots>(nameof(FlowSlots));

    public Task<FlowSlots> GetAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _slots.GetAsync(turnContext, () => new FlowSlots(), cancellationToken);

    /// <summary>A new inquiry about <paramref name="topicId"/>, with what its first message already says.</summary>
    public async Task<FlowSlots> StartTopicAsync(ITurnContext turnContext, string topicId, MessageSlots said, CancellationToken cancellationToken)
    {
        var slots = (await GetAsync(turnContext, cancellationToken)).ForNewTopic(topicId);
        await _slots.SetAsync(turnContext, slots, cancellationToken);
        Apply(slots, said);
        return slots;
    }

    /// <summary>
    /// Remembers what a message says; which remembered values it replaced with others is the result. A lot named again more
    /// loosely ("공항" after "김포공항") keeps the one already known.
    /// </summary>
    public async Task<SlotChanges> RememberAsync(ITurnContext turnContext, MessageSlots said, CancellationToken cancellationToken)
    {
        var slots = await GetAsync(turnContext, cancellationToken);
        var changes = Changes(slots, said);
        Apply(slots, said);
        return changes;
    }

    /// <summary>Which of the <paramref name="known"/> values the message replaces with others (a correction: "아니 그제요").</summary>
    public static SlotChanges Changes(FlowSlots known, MessageSlots said) => new(
        UsageDate: known.UsageDate is { } day && said.UsageDate is { } newDay && day != newDay,
        CarNumber: known.CarNumber is { } car && said.CarNumber is { } newCar && !SameCar(car, newCar),
        Lot: known.LotSaid is not null && said.Lot is { IsKnown: true } lot && !lot.LotIds.Intersect(known.LotIds).Any());

    public static bool SameCar(string? said, string recorded) =>
        said is not null && string.Concat(said.Where(c => !char.IsWhiteSpace(c))) == string.Concat(recorded.Where(c => !char.IsWhiteSpace(c)));

    private static void Apply(FlowSlots slots, MessageSlots said)
    {
        slots.UsageDate = said.UsageDate ?? slots.UsageDate;
        slots.CarNumber = said.CarNumber ?? slots.CarNumber;
        slots.EntryTime = said.EntryTime ?? slots.EntryTime;
        slots.PlannedExit = said.PlannedExit ?? slots.PlannedExit;
        slots.LeavingNow = said.LeavingNow ?? slots.LeavingNow;
        slots.OwnCar = said.OwnCar ?? slots.OwnCar;
        slots.Amount = said.Amount ?? slots.Amount;
        slots.RefundAsked |= said.AsksRefund;
        slots.AlreadyLeft |= said.AlreadyLeft;
        slots.StatusesSaid = [.. slots.StatusesSaid.Union(said.Statuses)];
        foreach (var (question, answer) in said.Facts)
        {
            slots.Facts[question] = answer;
        }
        if (said.Lot is { } lot && !(lot.IsKnown && lot.LotIds.Intersect(slots.LotIds).Any()))
        {
            slots.LotIds = [.. lot.LotIds];
            slots.LotSaid = lot.Said;
        }
    }
}

using System.Text.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// The last few activities a conversation took and the replies each produced, kept in conversation state so that
/// they are saved in the same write as the state the turn changed. A channel that sends the same activity again
/// (a client retrying after a lost answer) gets the first run's replies instead of a second run of the bot.
/// </summary>
public sealed class TurnJournal(ConversationState conversationState)
{
    public const int Kept = 4;
    private readonly IStatePropertyAccessor<List<JournaledTurn>> _turns = conversationState.CreateProperty<List<JournaledTurn>>(nameof(TurnJournal));

    /// <summary>Activities that change the conversation and carry the channel's id are answered once.</summary>
    public static bool Journals(Activity activity) =>
        !string.IsNullOrEmpty(activity.Id)
        && (activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.Event) || activity.IsType(ActivityTypes.ConversationUpdate));

    public async Task<JournaledTurn?> FindAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var id = turnContext.Activity.Id;
        return (await _turns.GetAsync(turnContext, () => [], cancellationToken)).FirstOrDefault(t => t.ActivityId == id);
    }

    /// <summary>Records the turn's replies and stages the conversation state for the turn's commit.</summary>
    public async Task RecordAsync(ITurnContext turnContext, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        await conversationState.LoadAsync(turnContext, cancellationToken: cancellationToken);
        var turns = await _turns.GetAsync(turnContext, () => [], cancellationToken);
        turns.Add(new JournaledTurn(turnContext.Activity.Id!, JsonSerializer.SerializeToElement(replies, BotJson.Options)));
        if (turns.Count > Kept)
        {
            turns.RemoveRange(0, turns.Count - Kept);
        }
        await _turns.SetAsync(turnContext, turns, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }
}

/// <summary>
/// A turn taken and its replies, kept as the JSON they were written as: every turn reads and writes the journal, and
/// only a replay needs the replies as activities again.
/// </summary>
public sealed record JournaledTurn(string ActivityId, JsonElement Replies)
{
    public List<Activity> Activities() => Replies.Deserialize<List<Activity>>(BotJson.Options) ?? [];
}

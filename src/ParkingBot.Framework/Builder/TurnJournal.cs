using System.Buffers;
using System.Text.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// The last few activities a conversation took and the replies each produced, kept in conversation state so that
/// they are saved in the same write as the state the turn changed. A channel that sends the same activity again
/// (a client retrying after a lost answer) gets the first run's replies instead of a second run of the bot.
/// Every turn looks into the journal and adds to it, so it stays JSON: only a replay reads replies as activities.
/// </summary>
public sealed class TurnJournal(ConversationState conversationState)
{
    public const int Kept = 4;
    private static readonly JsonElement NoTurns = JsonDocument.Parse("[]").RootElement;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = BotJson.Options.Encoder };
    private readonly IStatePropertyAccessor<JsonElement> _turns = conversationState.CreateProperty<JsonElement>(nameof(TurnJournal));

    /// <summary>Activities that change the conversation and carry the channel's id are answered once.</summary>
    public static bool Journals(Activity activity) =>
        !string.IsNullOrEmpty(activity.Id)
        && (activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.Event) || activity.IsType(ActivityTypes.ConversationUpdate));

    public async Task<JournaledTurn?> FindAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var id = turnContext.Activity.Id!;
        foreach (var turn in Turns(await _turns.GetAsync(turnContext, () => NoTurns, cancellationToken)))
        {
            if (turn.TryGetProperty("activityId", out var taken) && taken.ValueEquals(id) && turn.TryGetProperty("replies", out var replies))
            {
                return new JournaledTurn(id, replies);
            }
        }
        return null;
    }

    /// <summary>Records the turn's replies and stages the conversation state for the turn's commit.</summary>
    public async Task RecordAsync(ITurnContext turnContext, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        await conversationState.LoadAsync(turnContext, cancellationToken: cancellationToken);
        var turns = Turns(await _turns.GetAsync(turnContext, () => NoTurns, cancellationToken)).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var kept in turns.Skip(Math.Max(0, turns.Count - (Kept - 1))))
            {
                kept.WriteTo(writer);
            }
            writer.WriteStartObject();
            writer.WriteString("activityId", turnContext.Activity.Id);
            writer.WritePropertyName("replies");
            JsonSerializer.Serialize(writer, replies, BotJson.Options);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        await _turns.SetAsync(turnContext, JsonDocument.Parse(buffer.WrittenMemory).RootElement, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }

    private static IEnumerable<JsonElement> Turns(JsonElement journal) =>
        journal.ValueKind == JsonValueKind.Array ? journal.EnumerateArray() : [];
}

/// <summary>A turn taken and its replies, as the JSON they were written as.</summary>
public sealed record JournaledTurn(string ActivityId, JsonElement Replies)
{
    public List<Activity> Activities() => Replies.Deserialize<List<Activity>>(BotJson.Options) ?? [];
}

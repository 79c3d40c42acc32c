using System.Text.Json;
using System.Text.Json.Nodes;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// For bot designers: on the Emulator's channel, or on every channel when Bot:DesignerMode is true, each turn ends with
/// a trace activity "ParkingBot.Turn" holding what the bot understood and where the conversation stands:
/// {intent, score, entities, act, expecting, dialogStack, slots}. <c>act</c> is what the interpreter took the message
/// for (<see cref="Acts.DialogueAct"/>; null on a turn no question was running for). <c>expecting</c> names the question the bot now waits
/// for in the <see cref="Expecting"/> vocabulary (null when it waits for none); <c>slots</c> are what the customer has
/// told it (<see cref="FlowSlots"/>) and the flow's own step values. The Emulator's inspector shows it; customers never
/// see traces.
/// </summary>
public sealed class DesignerTrace(bool designerMode, TurnUnderstanding understanding, SlotMemory slotMemory)
{
    public const string Name = "ParkingBot.Turn";
    public const string ValueType = "https://parkingbot.local/schemas/turn-trace";
    private const string ActKey = "ParkingBot.DialogueAct";

    /// <summary>Keeps this turn's dialogue act for the trace.</summary>
    public static void NoteAct(ITurnContext turnContext, Acts.DialogueAct act) => turnContext.TurnState[ActKey] = act;

    public bool IsOn(ITurnContext turnContext) =>
        designerMode || turnContext.Activity.ChannelId == Channels.Emulator;

    public async Task SendAsync(ITurnContext turnContext, DialogState dialogState, CancellationToken cancellationToken)
    {
        var understood = await understanding.UnderstandAsync(turnContext, cancellationToken);
        var stack = new JsonArray();
        var slots = JsonSerializer.SerializeToNode(await slotMemory.GetAsync(turnContext, cancellationToken), BotJson.Options)!.AsObject();
        Walk(dialogState.DialogStack, stack, slots);
        var value = new JsonObject
        {
            ["intent"] = understood?.Intent.TopIntent,
            ["score"] = understood?.Intent.Score,
            ["entities"] = new JsonArray((understood?.Entities ?? []).Select(e => (JsonNode)EntityJson.ToJson(e)).ToArray()),
            ["act"] = turnContext.TurnState.Get<Acts.DialogueAct>(ActKey)?.ToString(),
            ["expecting"] = Expecting.Of(dialogState),
            ["dialogStack"] = stack,
            ["slots"] = slots,
        };
        await turnContext.SendActivityAsync(Activity.CreateTraceActivity(Name, ValueType, value, "What the bot understood this turn"), cancellationToken);
    }

    /// <summary>
    /// Lists the dialog ids from the outermost to the innermost, and gathers the waterfalls' options and values (the
    /// slots filled so far; an inner dialog's value wins). Prompts, which keep only their question, are skipped.
    /// </summary>
    private static void Walk(JsonArray dialogStack, JsonArray ids, JsonObject slots)
    {
        foreach (var entry in dialogStack.Reverse().OfType<JsonObject>())
        {
            ids.Add(entry["id"]?.GetValue<string>());
            if (entry["state"] is not JsonObject state)
            {
                continue;
            }
            if (!state.ContainsKey("attemptCount"))
            {
                foreach (var part in new[] { "options", "values" })
                {
                    if (state[part] is JsonObject found)
                    {
                        foreach (var (key, node) in found)
                        {
                            if (node is JsonValue)
                            {
                                slots[key] = node.DeepClone();
                            }
                        }
                    }
                }
            }
            if (state["dialogs"] is JsonArray children)
            {
                Walk(children, ids, slots);
            }
        }
    }
}

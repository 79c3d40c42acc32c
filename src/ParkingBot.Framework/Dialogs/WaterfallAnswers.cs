using System.Text.Json;
using System.Text.Json.Nodes;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs;

/// <summary>
/// The answers a waterfall's children (prompts and child dialogs) gave it, in its state: <c>answers</c> in the order they
/// came, each with the child's id and the answer's type. A restart moves them to <c>replay</c>, where a step that starts
/// the same child takes its answer instead of asking (each answer once). An answer that no longer reads as its type
/// (the release changed it) is dropped and the question asked.
/// </summary>
internal static class WaterfallAnswers
{
    private const string Answers = "answers";
    private const string Replay = "replay";

    public sealed record Answer(object? Value);

    public static void Record(DialogInstance instance, string childId, object? value)
    {
        var entry = new JsonObject { ["dialog"] = childId };
        if (value is not null)
        {
            try
            {
                entry["value"] = JsonSerializer.SerializeToNode(value, value.GetType(), BotJson.Options);
                entry["type"] = TypeName(value.GetType());
            }
            catch (NotSupportedException)
            {
                return;
            }
        }
        List(instance, Answers).Add(entry);
    }

    /// <summary>Everything answered so far becomes the replay of a restart (with what an earlier restart did not use yet).</summary>
    public static void StartReplay(DialogInstance instance)
    {
        var replay = new JsonArray();
        foreach (var entry in List(instance, Answers).Concat(List(instance, Replay)).ToList())
        {
            replay.Add(entry!.DeepClone());
        }
        instance.State[Replay] = replay;
        instance.State[Answers] = new JsonArray();
    }

    public static bool Replaying(DialogInstance instance) => instance.State[Replay] is JsonArray { Count: > 0 };

    public static bool WillReplay(DialogInstance instance, string childId) =>
        instance.State[Replay] is JsonArray replay && replay.Any(entry => entry?["dialog"]?.GetValue<string>() == childId);

    public static Answer? TakeReplayed(DialogInstance instance, string childId)
    {
        if (instance.State[Replay] is not JsonArray replay
            || replay.FirstOrDefault(entry => entry?["dialog"]?.GetValue<string>() == childId) is not JsonObject entry)
        {
            return null;
        }
        replay.Remove(entry);
        if (replay.Count == 0)
        {
            instance.State.Remove(Replay);
        }
        if (entry["type"]?.GetValue<string>() is not { } typeName)
        {
            return new Answer(null);
        }
        try
        {
            return Type.GetType(typeName) is { } type ? new Answer(entry["value"].Deserialize(type, BotJson.Options)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray List(DialogInstance instance, string name)
    {
        if (instance.State[name] is not JsonArray list)
        {
            list = [];
            instance.State[name] = list;
        }
        return list;
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs;

/// <summary>
/// The persisted dialog stack (top of the stack first), kept as JSON so that it lives in conversation
/// state as is and nested stacks (a component's children) are edited in place.
/// </summary>
public sealed class DialogState
{
    public DialogState() { }

    [JsonConstructor]
    public DialogState(JsonArray dialogStack) => DialogStack = dialogStack;

    public JsonArray DialogStack { get; set; } = [];

    /// <summary>A view over a stack stored inside a parent dialog's state, created there if missing.</summary>
    internal static DialogState In(JsonObject parentState, string propertyName)
    {
        if (parentState[propertyName] is not JsonArray stack)
        {
            stack = [];
            parentState[propertyName] = stack;
        }
        return new DialogState(stack);
    }
}

/// <summary>One entry of the dialog stack: which dialog, and that dialog's own state.</summary>
public sealed class DialogInstance
{
    internal DialogInstance(JsonObject node) => Node = node;

    internal DialogInstance(string id) : this(new JsonObject { ["id"] = id, ["state"] = new JsonObject() }) { }

    internal JsonObject Node { get; }

    public string Id => (string)Node["id"]!;

    public JsonObject State => (JsonObject)Node["state"]!;

    internal T? Read<T>(string name) => State[name] is { } node ? node.Deserialize<T>(BotJson.Options) : default;

    internal void Write<T>(string name, T value) => State[name] = JsonSerializer.SerializeToNode(value, BotJson.Options);
}

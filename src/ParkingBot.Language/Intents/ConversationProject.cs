using System.Text.Json;

namespace ParkingBot.Language.Intents;

/// <summary>A labelled training utterance of a CLU project.</summary>
public sealed record LabeledUtterance(string Text, string Intent);

/// <summary>
/// The parts of an Azure Language Conversational Language Understanding project file (Language Studio's import/export
/// format, cognitive-models/ParkingBot.clu.json) that the embedded recognizer trains on: the intents and the utterances.
/// </summary>
public sealed record ConversationProject(string Name, string Language, IReadOnlyList<string> Intents, IReadOnlyList<LabeledUtterance> Utterances)
{
    public const string DefaultFileName = "cognitive-models/ParkingBot.clu.json";

    public static ConversationProject Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static ConversationProject Parse(Stream json, string source = "project")
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        if (!root.TryGetProperty("assets", out var assets) || !assets.TryGetProperty("projectKind", out var kind) || kind.GetString() != "Conversation")
        {
            throw new InvalidDataException($"{source}: not a CLU project (assets.projectKind must be \"Conversation\").");
        }
        var metadata = root.GetProperty("metadata");
        var intents = assets.GetProperty("intents").EnumerateArray().Select(i => i.GetProperty("category").GetString()!).ToList();
        var utterances = new List<LabeledUtterance>();
        foreach (var item in assets.GetProperty("utterances").EnumerateArray())
        {
            var text = item.GetProperty("text").GetString() ?? "";
            var intent = item.GetProperty("intent").GetString() ?? "";
            if (!intents.Contains(intent))
            {
                throw new InvalidDataException($"{source}: the utterance '{text}' has intent '{intent}', which assets.intents does not declare.");
            }
            utterances.Add(new LabeledUtterance(text, intent));
        }
        return new ConversationProject(metadata.GetProperty("projectName").GetString() ?? "", metadata.GetProperty("language").GetString() ?? "",
            intents, utterances);
    }
}

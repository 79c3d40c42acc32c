using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Text;
using YamlDotNet.RepresentationModel;

namespace ParkingBot.Dialogs.Responses;

/// <summary>
/// The customer-facing texts, loaded from a UTF-8 YAML file a designer edits (key -> text or list of
/// variants, {placeholders}, {placeholder|particle} for a particle that must fit the value: {carNumber|는} says
/// "12가 3456은"). Messages carry their key in channelData.responseKey so tests and the
/// Emulator show which response was chosen.
/// </summary>
public sealed partial class ResponseScripts
{
    public const string DefaultFileName = "Responses/responses.ko.yaml";

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _variants;
    private readonly Func<int, int> _pick;

    public ResponseScripts(IReadOnlyDictionary<string, IReadOnlyList<string>> variants, Func<int, int>? pick = null)
    {
        _variants = variants;
        _pick = pick ?? Random.Shared.Next;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Variants => _variants;

    public static ResponseScripts Load(string path, Func<int, int>? pick = null)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = yaml.Documents.Count > 0 ? (YamlMappingNode)yaml.Documents[0].RootNode : new YamlMappingNode();
        var variants = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            variants[name] = value switch
            {
                YamlScalarNode scalar => [scalar.Value ?? ""],
                YamlSequenceNode list => list.Children.Select(v => ((YamlScalarNode)v).Value ?? "").ToList(),
                _ => throw new InvalidDataException($"{path}: '{name}' must be a text or a list of texts."),
            };
        }
        return new ResponseScripts(variants, pick);
    }

    /// <summary>The text of <paramref name="key"/> with its placeholders filled; every placeholder must be given.</summary>
    public string Text(ResponseKey key, params (string Name, string Value)[] values)
    {
        if (!_variants.TryGetValue(key.Name, out var variants) || variants.Count == 0)
        {
            throw new KeyNotFoundException($"The response scripts have no '{key.Name}'.");
        }
        var given = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        var missing = key.Placeholders.Except(given.Keys).ToList();
        if (missing.Count > 0 || given.Keys.Except(key.Placeholders).Any())
        {
            throw new ArgumentException($"'{key.Name}' takes {{{string.Join("}, {", key.Placeholders)}}}; given {{{string.Join("}, {", given.Keys)}}}.");
        }
        var template = variants[_pick(variants.Count)];
        return Placeholder().Replace(template, match => given.TryGetValue(match.Groups[1].Value, out var value)
            ? match.Groups[2].Success ? KoreanParticles.Attach(value, match.Groups[2].Value) : value
            : throw new InvalidDataException($"'{key.Name}' uses {{{match.Groups[1].Value}}}, which the code does not fill."));
    }

    /// <summary>A message activity saying <paramref name="key"/>.</summary>
    public Activity Message(ResponseKey key, params (string Name, string Value)[] values)
    {
        var message = Activity.CreateMessageActivity(Text(key, values));
        message.ChannelData = new JsonObject { ["responseKey"] = key.Name };
        return message;
    }

    /// <summary>A message saying <paramref name="key"/> with the '상담원 연결' button (which works anywhere in a conversation).</summary>
    public Activity MessageOfferingAgent(ResponseKey key, params (string Name, string Value)[] values)
    {
        var message = Message(key, values);
        message.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(Text(Main.Topics.AgentRequest.Title))] };
        return message;
    }

    /// <summary>The placeholder names a text uses.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The particles a text asks to follow its placeholders ({carNumber|는} → "는").</summary>
    public static IEnumerable<string> ParticlesIn(string text) => Placeholder().Matches(text).Where(m => m.Groups[2].Success).Select(m => m.Groups[2].Value);

    // {name}, or {name|particle}: the particle (은/는, 이/가, 을/를, 으로/로…) takes the form that fits the value's last sound.
    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)(?:\|([가-힣]+))?\}")]
    private static partial Regex Placeholder();
}

using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Dialogs.Responses;

/// <summary>
/// The agent console's names and templates (Responses/agent-console.ko.yaml): case states, slot names and coded slot
/// values in Korean, the usage panel's slots, and the 자주 쓰는 답변 filled from a case.
/// </summary>
public sealed partial class ConsoleTexts
{
    public const string DefaultFileName = "Responses/agent-console.ko.yaml";

    public Dictionary<string, string> Statuses { get; set; } = [];
    public Dictionary<string, string> Slots { get; set; } = [];
    public List<string> Usage { get; set; } = [];
    public Dictionary<string, string> Values { get; set; } = [];
    public List<ConsoleTemplate> Templates { get; set; } = [];

    public static ConsoleTexts Load(string path)
    {
        using var reader = File.OpenText(path);
        return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<ConsoleTexts>(reader) ?? new ConsoleTexts();
    }

    public string SlotName(string key) => Slots.GetValueOrDefault(key, key);

    /// <summary>A slot's value for people: coded parts ("Ticket/Cancelled") in Korean, anything else as written.</summary>
    public string SlotValue(string value) =>
        string.Join(" / ", value.Split('/').Select(part => Values.GetValueOrDefault(part, part)));

    /// <summary>The templates with the case's slots filled in; one it lacks shows as (its name) for the agent to fill.</summary>
    public IReadOnlyList<ConsoleTemplate> Fill(IReadOnlyDictionary<string, string> slots) =>
        [.. Templates.Select(t => t with { Text = Placeholder().Replace(t.Text, m => slots.TryGetValue(m.Groups[1].Value, out var v) ? SlotValue(v) : $"({SlotName(m.Groups[1].Value)})") })];

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

public sealed record ConsoleTemplate
{
    public string Title { get; init; } = "";
    public string Text { get; init; } = "";
}

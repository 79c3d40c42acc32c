using System.Globalization;
using System.Text.Json.Nodes;
using ParkingBot.Language.Recognizers;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Language.Tests;

/// <summary>
/// Every case of Cases/*.yaml: the recognizers must find exactly the listed entities, in order, at the
/// offsets of their text, with the listed resolution. The tables are data; add a case, not code.
/// </summary>
public class RecognizerCaseTests
{
    private static readonly KoreanEntityRecognizer Recognizer = new();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in CaseFiles())
        {
            for (var i = 0; i < Load(file).Cases.Count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string file, int index)
    {
        var table = Load(Path.Combine(AppContext.BaseDirectory, "Cases", file));
        var @case = table.Cases[index];

        var actual = new JsonArray([.. Recognizer.Recognize(@case.Text, table.Now).Select(e => (JsonNode)EntityJson.ToJson(e))]);

        var expected = new JsonArray([.. Expected(@case)]);
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"\"{@case.Text}\"\n  expected {expected.ToJsonString(Options)}\n  actual   {actual.ToJsonString(Options)}");
    }

    [Fact]
    public void The_tables_hold_at_least_300_cases_with_negatives()
    {
        var cases = CaseFiles().SelectMany(f => Load(f).Cases).ToList();

        Assert.True(cases.Count >= 300, $"{cases.Count} cases");
        Assert.True(cases.Count(c => c.Entities.Count == 0) >= 30, "too few negatives");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>The expected entities in the JSON shape of <see cref="EntityJson"/>, offsets found from their text.</summary>
    private static List<JsonNode> Expected(RecognizerCase @case)
    {
        var expected = new List<JsonNode>();
        var from = 0;
        foreach (var entity in @case.Entities)
        {
            var start = @case.Text.IndexOf(entity.Text, from, StringComparison.Ordinal);
            Assert.True(start >= 0, $"\"{@case.Text}\": the case's entity text \"{entity.Text}\" is not in the sentence");
            from = start + entity.Text.Length;
            var json = new JsonObject { ["type"] = entity.Type, ["text"] = entity.Text, ["start"] = start, ["end"] = from };
            if (entity.Candidates is { Count: > 0 })
            {
                json["candidates"] = new JsonArray([.. entity.Candidates.Select(c => (JsonNode)c)]);
            }
            else if (entity.Type == "Amount")
            {
                json["resolution"] = long.Parse(entity.Resolution!, CultureInfo.InvariantCulture);
            }
            else
            {
                json["resolution"] = entity.Resolution;
            }
            if (entity.Use is not null)
            {
                json["use"] = entity.Use;
            }
            if (entity.Approximate)
            {
                json["approximate"] = true;
            }
            expected.Add(json);
        }
        return expected;
    }

    private static IEnumerable<string> CaseFiles() => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cases"), "*.yaml").Order();

    private static readonly Dictionary<string, RecognizerTable> Tables = [];

    private static RecognizerTable Load(string path)
    {
        lock (Tables)
        {
            if (!Tables.TryGetValue(path, out var table))
            {
                table = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                    .Deserialize<RecognizerTable>(File.ReadAllText(path));
                Tables[path] = table;
            }
            return table;
        }
    }

    public sealed class RecognizerTable
    {
        public DateTimeOffset Now { get; set; }
        public List<RecognizerCase> Cases { get; set; } = [];
    }

    public sealed class RecognizerCase
    {
        public string Text { get; set; } = "";
        public List<ExpectedEntity> Entities { get; set; } = [];
    }

    public sealed class ExpectedEntity
    {
        public string Type { get; set; } = "";
        public string Text { get; set; } = "";
        public string? Resolution { get; set; }
        public List<string>? Candidates { get; set; }
        public bool Approximate { get; set; }
        public string? Use { get; set; }
    }
}

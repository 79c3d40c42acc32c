using System.Reflection;
using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Responses;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// The Korean data files and the code agree — the response scripts (what customers read) and the agent texts (what
/// agents read): no missing key, no unfilled placeholder, no unused key.
/// </summary>
public partial class ResponseScriptsCoverageTests
{
    private static readonly ResponseScripts Scripts =
        ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));

    private static readonly IReadOnlyList<(string Field, ResponseKey Key)> DeclaredKeys = KeysOf(typeof(ResponseKeys));

    public static TheoryData<string> Files() => [ResponseScripts.DefaultFileName, AgentTexts.DefaultFileName];

    private static (ResponseScripts Texts, IReadOnlyList<(string Field, ResponseKey Key)> Keys, string KeysClass) Set(string file) =>
        file == AgentTexts.DefaultFileName
            ? (ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, file)), KeysOf(typeof(AgentTextKeys)), nameof(AgentTextKeys))
            : (Scripts, DeclaredKeys, nameof(ResponseKeys));

    private static IReadOnlyList<(string Field, ResponseKey Key)> KeysOf(Type keys) => keys
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (f.Name, (ResponseKey)f.GetValue(null)!))
        .ToList();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_key_the_code_declares_is_in_the_file(string file)
    {
        var (texts, keys, _) = Set(file);
        var missing = keys.Where(k => !texts.Variants.ContainsKey(k.Key.Name)).Select(k => k.Key.Name).ToList();

        Assert.True(missing.Count == 0, $"Missing from {file}: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_key_in_the_file_is_declared_in_the_code(string file)
    {
        var (texts, keys, keysClass) = Set(file);
        var declared = keys.Select(k => k.Key.Name).ToHashSet();
        var undeclared = texts.Variants.Keys.Where(k => !declared.Contains(k)).ToList();

        Assert.True(undeclared.Count == 0, $"In {file} but not in {keysClass}: {string.Join(", ", undeclared)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_declared_key_is_used_by_the_code(string file)
    {
        var (_, keys, keysClass) = Set(file);
        var source = string.Concat(SourceFiles(keysClass).Select(File.ReadAllText));
        var used = new Regex(keysClass + @"\.([A-Za-z0-9]+)").Matches(source).Select(m => m.Groups[1].Value).ToHashSet();
        var unused = keys.Where(k => !used.Contains(k.Field)).Select(k => k.Key.Name).ToList();

        Assert.True(unused.Count == 0, $"Declared but never used: {string.Join(", ", unused)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_variant_uses_exactly_the_placeholders_its_key_declares(string file)
    {
        var (texts, keys, _) = Set(file);
        var mismatches =
            from declared in keys
            where texts.Variants.ContainsKey(declared.Key.Name)
            from variant in texts.Variants[declared.Key.Name]
            let used = ResponseScripts.PlaceholdersIn(variant).ToHashSet()
            where !used.SetEquals(declared.Key.Placeholders)
            select $"{declared.Key.Name}: uses {{{string.Join("}, {", used)}}}, code fills {{{string.Join("}, {", declared.Key.Placeholders)}}}";

        Assert.Empty(mismatches);
    }

    [Fact]
    public void No_korean_text_is_left_in_the_flows_and_the_router_outside_comments()
    {
        var hangul = new Regex(@"""[^""\n]*[\uAC00-\uD7A3][^""\n]*""");
        var folders = new[] { "Flows", "Main", "FollowUps" }.Select(f => $"{Path.DirectorySeparatorChar}{f}{Path.DirectorySeparatorChar}");
        var offending = SourceFiles("none")
            .Where(path => path.Contains($"{Path.DirectorySeparatorChar}dialogs{Path.DirectorySeparatorChar}") && folders.Any(path.Contains)
                && Path.GetFileName(path) != "KoreanFormat.cs")
            .SelectMany(path => File.ReadAllLines(path).Select((line, i) => (path, line, i)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.line.TrimStart().StartsWith("///", StringComparison.Ordinal)
                && !l.line.Contains("GeneratedRegex", StringComparison.Ordinal) && hangul.IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.path)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "Korean in C# (move it to a data file):\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Every_key_renders_to_non_empty_text_with_no_braces_left()
    {
        foreach (var (_, key) in DeclaredKeys)
        {
            var text = Scripts.Text(key, key.Placeholders.Select(p => (p, "값")).ToArray());

            Assert.False(string.IsNullOrWhiteSpace(text), key.Name);
            Assert.DoesNotMatch(@"\{[A-Za-z]", text);
        }
    }

    [Fact]
    public void Every_particle_a_text_asks_for_is_one_korean_picks_by_the_last_sound()
    {
        var unknown = (from variants in Scripts.Variants
                       from variant in variants.Value
                       from particle in ResponseScripts.ParticlesIn(variant)
                       where !Language.Text.KoreanParticles.IsKnown(particle)
                       select $"{variants.Key}: {{…|{particle}}}").ToList();

        Assert.True(unknown.Count == 0, "Unknown particles: " + string.Join("; ", unknown));
    }

    [Fact]
    public void A_placeholder_with_a_particle_gets_the_form_that_fits_the_value()
    {
        Assert.Contains("차량번호 12가 3456은 고객님께서", Scripts.Text(ResponseKeys.CarNumberConfirm, ("carNumber", "12가 3456")));
        Assert.Contains("차량번호 78버 1234는 고객님께서", Scripts.Text(ResponseKeys.CarNumberConfirm, ("carNumber", "78버 1234")));
        Assert.Contains("모두의주차장으로 문의", Scripts.Text(ResponseKeys.DoubleReferThirdParty, ("provider", "모두의주차장")));
    }

    [Fact]
    public void Rendering_with_a_missing_or_unknown_placeholder_fails_loudly()
    {
        Assert.Throws<ArgumentException>(() => Scripts.Text(ResponseKeys.PaymentTimingAtExit));
        Assert.Throws<ArgumentException>(() => Scripts.Text(ResponseKeys.Welcome, ("lotName", "x")));
    }

    private static IEnumerable<string> SourceFiles(string keysClass)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ParkingBot.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        return new[] { "src", "dialogs" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root.FullName, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && Path.GetFileName(path) != keysClass + ".cs");
    }

}

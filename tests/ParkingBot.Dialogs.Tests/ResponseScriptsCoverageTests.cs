using System.Reflection;
using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Responses;

namespace ParkingBot.Dialogs.Tests;

/// <summary>The response scripts and the code agree: no missing key, no unfilled placeholder, no unused key.</summary>
public partial class ResponseScriptsCoverageTests
{
    private static readonly ResponseScripts Scripts =
        ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));

    private static readonly IReadOnlyList<(string Field, ResponseKey Key)> DeclaredKeys = typeof(ResponseKeys)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (f.Name, (ResponseKey)f.GetValue(null)!))
        .ToList();

    [Fact]
    public void Every_key_the_code_declares_is_in_the_file()
    {
        var missing = DeclaredKeys.Where(k => !Scripts.Variants.ContainsKey(k.Key.Name)).Select(k => k.Key.Name).ToList();

        Assert.True(missing.Count == 0, $"Missing from responses.ko.yaml: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_key_in_the_file_is_declared_in_the_code()
    {
        var declared = DeclaredKeys.Select(k => k.Key.Name).ToHashSet();
        var undeclared = Scripts.Variants.Keys.Where(k => !declared.Contains(k)).ToList();

        Assert.True(undeclared.Count == 0, $"In responses.ko.yaml but not in ResponseKeys: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void Every_declared_key_is_used_by_the_code()
    {
        var source = string.Concat(SourceFiles().Select(File.ReadAllText));
        var used = ResponseKeyReference().Matches(source).Select(m => m.Groups[1].Value).ToHashSet();
        var unused = DeclaredKeys.Where(k => !used.Contains(k.Field)).Select(k => k.Key.Name).ToList();

        Assert.True(unused.Count == 0, $"Declared but never said: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Every_variant_uses_exactly_the_placeholders_its_key_declares()
    {
        var mismatches =
            from declared in DeclaredKeys
            where Scripts.Variants.ContainsKey(declared.Key.Name)
            from variant in Scripts.Variants[declared.Key.Name]
            let used = ResponseScripts.PlaceholdersIn(variant).ToHashSet()
            where !used.SetEquals(declared.Key.Placeholders)
            select $"{declared.Key.Name}: uses {{{string.Join("}, {", used)}}}, code fills {{{string.Join("}, {", declared.Key.Placeholders)}}}";

        Assert.Empty(mismatches);
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
    public void Rendering_with_a_missing_or_unknown_placeholder_fails_loudly()
    {
        Assert.Throws<ArgumentException>(() => Scripts.Text(ResponseKeys.PaymentTimingAtExit));
        Assert.Throws<ArgumentException>(() => Scripts.Text(ResponseKeys.Welcome, ("lotName", "x")));
    }

    private static IEnumerable<string> SourceFiles()
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
                && Path.GetFileName(path) != "ResponseKeys.cs");
    }

    [GeneratedRegex(@"ResponseKeys\.([A-Za-z0-9]+)")]
    private static partial Regex ResponseKeyReference();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Every message of the response scripts (every variant, placeholders filled with long values) under every menu the bot
/// shows, rendered for KakaoTalk, stays within Kakao's limits — written out here, not taken from the renderer.
/// </summary>
public sealed partial class KakaoRenderingTests
{
    private static readonly ResponseScripts Scripts = ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));

    private static IEnumerable<(string Name, SuggestedActions? Menu)> Menus()
    {
        yield return ("none", null);
        yield return ("topics", MenuCards.SuggestedActions(Scripts));
        yield return ("agent offer", Scripts.MessageOfferingAgent(ResponseKeys.MenuRetry).SuggestedActions);
        yield return ("cancel waiting", new SuggestedActions { Actions = [CardAction.ImBack(Scripts.Text(ResponseKeys.HandoffCancelButton))] });
        yield return ("lots", new SuggestedActions { Actions = [.. LotNames().Select(name => CardAction.ImBack(name))] });
    }

    private static IEnumerable<string> LotNames()
    {
        var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return seed.RootElement.GetProperty("lots").EnumerateArray().Select(lot => lot.GetProperty("name").GetString()!);
    }

    [Fact]
    public void Every_script_message_under_every_menu_fits_Kakao()
    {
        var renderer = new KakaoRenderer(DialogsServiceCollectionExtensions.KakaoTextsOf(Scripts));
        var longest = LotNames().MaxBy(n => n.Length)!;
        var rendered = 0;
        foreach (var (key, variants) in Scripts.Variants)
        {
            foreach (var variant in variants)
            {
                var text = Placeholder().Replace(variant, longest);
                foreach (var (menu, actions) in Menus())
                {
                    var message = Activity.CreateMessageActivity(text);
                    message.SuggestedActions = actions;
                    var response = renderer.Render([message]).Response;
                    var where = $"{key} with the {menu} menu";
                    Assert.Equal("2.0", response.Version);
                    Assert.InRange(response.Template!.Outputs.Count, 1, 3);
                    Assert.All(response.Template.Outputs, o => Assert.True(
                        (o.SimpleText?.Text.Length ?? 0) <= 1000 && (o.TextCard?.Description?.Length ?? 0) <= 400 && (o.TextCard?.Buttons.Count ?? 0) <= 3
                        && (o.TextCard?.Buttons.All(b => b.Label.Length <= 14) ?? true), where));
                    var quickReplies = response.Template.QuickReplies ?? [];
                    Assert.True(quickReplies.Count <= 10 && quickReplies.All(q => q.Label.Length is > 0 and <= 14), where);
                    // Tapping sends the whole choice, whatever the label shows.
                    Assert.Equal(actions?.Actions.Take(10).Select(a => a.Value!.GetValue<string>()) ?? [], quickReplies.Select(q => q.MessageText));
                    rendered++;
                }
            }
        }
        Assert.True(rendered > 500, $"only {rendered} renderings");
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}

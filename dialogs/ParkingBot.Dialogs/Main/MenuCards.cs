using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Main;

/// <summary>The topic menu as prompt choices and as suggested actions.</summary>
public static class MenuCards
{
    public static List<Choice> Choices(ResponseScripts scripts) => Choices(scripts, Topics.Menu);

    public static List<Choice> Choices(ResponseScripts scripts, IEnumerable<Topic> topics) =>
        topics.Select(t => new Choice(t.Id) { Title = scripts.Text(t.Title) }).ToList();

    public static SuggestedActions SuggestedActions(ResponseScripts scripts) => SuggestedActions(scripts, Topics.Menu);

    public static SuggestedActions SuggestedActions(ResponseScripts scripts, IEnumerable<Topic> topics) =>
        new() { Actions = topics.Select(t => CardAction.ImBack(scripts.Text(t.Title))).ToList() };
}

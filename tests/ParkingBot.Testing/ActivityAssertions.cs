using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

public static class ActivityAssertions
{
    /// <summary>The response-script key a message was rendered from (channelData.responseKey), or null.</summary>
    public static string? ResponseKey(this Activity? activity) =>
        activity?.ChannelData?["responseKey"]?.GetValue<string>();

    public static IReadOnlyList<string> SuggestedActionTitles(this Activity? activity) =>
        activity?.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToList() ?? [];
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Connector;

/// <summary>The bot's side of the Connector REST API: posts activities to the conversation's serviceUrl.</summary>
public sealed class ConnectorClient(HttpClient httpClient, IAccessTokenProvider tokenProvider)
{
    /// <summary>
    /// POST /v3/conversations/{conversationId}/activities[/{replyToId}]. Ids may contain '|' and
    /// other reserved characters, so every path segment is escaped.
    /// </summary>
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation.id.", nameof(activity));
        var serviceUrl = activity.ServiceUrl ?? throw new ArgumentException("The activity has no serviceUrl.", nameof(activity));
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }
        var uri = new Uri(serviceUrl.EndsWith('/') ? serviceUrl + path : serviceUrl + "/" + path);

        activity.Id = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        if (await tokenProvider.GetAccessTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"The channel answered {(int)response.StatusCode} to {uri.GetLeftPart(UriPartial.Path)}: {Truncate(body)}", null, response.StatusCode);
        }
        // Some channels answer with an empty body; the id is optional.
        return response.Content.Headers.ContentLength is 0
            ? new ResourceResponse(null)
            : await ReadResourceResponseAsync(response, cancellationToken);
    }

    private static async Task<ResourceResponse> ReadResourceResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ResourceResponse>(BotJson.Options, cancellationToken) ?? new ResourceResponse(null);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ResourceResponse(null);
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ParkingBot.Testing;

/// <summary>A customer's Direct Line session as DirectLineJS drives it: a page token, start, post, read with watermark, upload.</summary>
public sealed class DirectLineClient(HttpClient http, string token, string conversationId, string userId)
{
    public string Token { get; private set; } = token;
    public string ConversationId { get; } = conversationId;
    public string UserId { get; } = userId;

    public static async Task<DirectLineClient> FromPageTokenAsync(HttpClient http)
    {
        var page = (await (await http.PostAsync("/api/directline/token", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        return new DirectLineClient(http, page["token"]!.GetValue<string>(), page["conversationId"]!.GetValue<string>(), page["userId"]!.GetValue<string>());
    }

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = null) =>
        http.SendAsync(Request(method, path, content, token));

    public async Task<JsonObject> StartAsync()
    {
        var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? conversationId = null, string? token = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", JsonContent.Create(activity), token);

    public async Task<string> SayAsync(string text)
    {
        var response = await PostAsync(new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = UserId } });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<(JsonArray Activities, string Watermark)> ActivitiesAsync(string watermark = "")
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}");
        var set = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        return (set["activities"]!.AsArray(), set["watermark"]!.GetValue<string>());
    }

    /// <summary>An upload shaped as DirectLineJS sends it: an "activity" part, then one "file" part per attachment.</summary>
    public static MultipartFormDataContent Upload(string text, params (string Name, string ContentType, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        var activity = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["attachments"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["contentType"] = f.ContentType, ["name"] = f.Name }).ToArray()),
        }.ToJsonString()));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        foreach (var (name, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", name);
        }
        return form;
    }
}

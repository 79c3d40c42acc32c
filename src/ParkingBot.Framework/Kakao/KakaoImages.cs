using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Kakao;

/// <summary>
/// Images a customer sends with Open Builder's image upload plugin (secure image URLs in the skill's action parameters):
/// fetched at once from Kakao's hosts only (Kakao:ImageHosts), checked as a Direct Line upload is (the type by the bytes,
/// DirectLine:AllowedUploadTypes and DirectLine:MaxUploadBytes), kept with the Direct Line uploads (removed with the
/// conversation by the retention sweep), and given to the turn as the activity's attachments, which signed-in agents open
/// from the case. The plugin's parameter is read leniently — any https address on those hosts in any parameter, also
/// inside a JSON string or Kakao's "List(url, …)" — since its exact shape is not published where it could be checked.
/// </summary>
public sealed partial class KakaoImages(
    IHttpClientFactory httpClients,
    DirectLineFileStore files,
    IOptions<KakaoOptions> kakao,
    IOptions<DirectLineOptions> uploads,
    ILogger<KakaoImages> logger)
{
    public const string HttpClientName = "kakao-images";
    private const int MostImages = 10;

    /// <summary>The image URLs on Kakao's hosts in the payload's action parameters, in order, each once.</summary>
    public IReadOnlyList<Uri> UrlsIn(SkillPayload payload)
    {
        var found = new List<Uri>();
        foreach (var text in Strings(payload.Action?.Params).Concat(Strings(payload.Action?.DetailParams)))
        {
            foreach (Match match in Address().Matches(text))
            {
                if (Uri.TryCreate(match.Value, UriKind.Absolute, out var url) && kakao.Value.AllowsImage(url) && !found.Contains(url))
                {
                    found.Add(url);
                }
            }
        }
        return found.Take(MostImages).ToList();
    }

    /// <summary>
    /// Fetches and keeps the images; what is not an allowed image (by its bytes), too large or unreachable is left out and
    /// logged (the flow then asks again, as it does for any message without the file it needs).
    /// </summary>
    public async Task<IReadOnlyList<Attachment>> FetchAsync(string conversationId, IReadOnlyList<Uri> urls, string baseUrl, CancellationToken cancellationToken)
    {
        var incoming = new List<IncomingFile>();
        var budget = uploads.Value.MaxUploadBytes;
        var client = httpClients.CreateClient(HttpClientName);
        foreach (var url in urls)
        {
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                if (response.Content.Headers.ContentLength > budget)
                {
                    logger.LogWarning("An image from KakaoTalk is larger than DirectLine:MaxUploadBytes; it was left out");
                    continue;
                }
                var bytes = await ReadAtMostAsync(await response.Content.ReadAsStreamAsync(cancellationToken), budget, cancellationToken);
                var type = bytes is null ? null : UploadContent.Sniff(bytes);
                if (bytes is null || type is null || !uploads.Value.AllowedUploadTypes.Contains(type))
                {
                    logger.LogWarning("An image from KakaoTalk is not an allowed type or is too large; it was left out");
                    continue;
                }
                budget -= bytes.Length;
                incoming.Add(new IncomingFile($"kakao-image-{incoming.Count + 1}{Extension(type)}", type, bytes));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning(exception, "An image could not be fetched from KakaoTalk; it was left out");
            }
        }
        if (incoming.Count == 0)
        {
            return [];
        }
        var stored = await files.SaveAllAsync(conversationId, incoming, cancellationToken);
        return stored.Select(f => new Attachment
        {
            ContentType = f.ContentType,
            Name = f.Name,
            ContentUrl = $"{baseUrl}{DirectLineService.Prefix}/attachments/{Uri.EscapeDataString(conversationId)}/{f.Id}",
        }).ToList();
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Extension(string type) => type switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        _ => "",
    };

    /// <summary>Every string in the parameters, and in JSON held in a string.</summary>
    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var text in Strings(value))
                    {
                        yield return text;
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var text in Strings(item))
                    {
                        yield return text;
                    }
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                if (text.TrimStart().StartsWith('{') && TryParse(text) is { } inner)
                {
                    foreach (var nested in Strings(inner))
                    {
                        yield return nested;
                    }
                }
                break;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"https?://[^\s,()""'<>]+")]
    private static partial Regex Address();
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParkingBot.Language.Intents;

/// <summary>
/// Calls a deployed Conversational Language Understanding model through the Azure Language analyze-conversations REST
/// API (POST {endpoint}/language/:analyze-conversations, header Ocp-Apim-Subscription-Key), the request and response
/// shapes of api-version 2023-04-01. Failures throw <see cref="CluException"/>; <see cref="FallbackIntentRecognizer"/>
/// decides what then happens.
/// </summary>
public sealed class CluIntentRecognizer(HttpClient http, CluSettings settings, double threshold) : IIntentRecognizer
{
    public const string SourceName = "clu";

    public async Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default)
    {
        var missing = settings.Missing().ToList();
        if (missing.Count > 0)
        {
            throw new CluException($"CLU is not configured: {string.Join(", ", missing)} missing.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.Endpoint!.TrimEnd('/')}/language/:analyze-conversations?api-version={Uri.EscapeDataString(settings.ApiVersion)}")
        {
            Content = JsonContent.Create(Body(utterance)),
        };
        request.Headers.Add("Ocp-Apim-Subscription-Key", settings.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CluException($"CLU could not be reached: {e.Message}", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CluException($"CLU answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            try
            {
                return Parse(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
            {
                throw new CluException("CLU answered in an unexpected shape.", e);
            }
        }
    }

    private JsonObject Body(string utterance) => new()
    {
        ["kind"] = "Conversation",
        ["analysisInput"] = new JsonObject
        {
            ["conversationItem"] = new JsonObject
            {
                ["id"] = "1",
                ["participantId"] = "customer",
                ["text"] = utterance,
                ["modality"] = "text",
                ["language"] = settings.Language,
            },
        },
        ["parameters"] = new JsonObject
        {
            ["projectName"] = settings.ProjectName,
            ["deploymentName"] = settings.DeploymentName,
            ["stringIndexType"] = "Utf16CodeUnit",
        },
    };

    private IntentResult Parse(JsonObject? body)
    {
        var prediction = body?["result"]?["prediction"] as JsonObject ?? throw new InvalidOperationException("No result.prediction.");
        var intents = (prediction["intents"] as JsonArray ?? throw new InvalidOperationException("No intents."))
            .Select(i => new IntentScore(i!["category"]!.GetValue<string>(), i["confidenceScore"]!.GetValue<double>()))
            .ToList();
        var entities = (prediction["entities"] as JsonArray ?? [])
            .Select(e => new IntentEntity(e!["category"]!.GetValue<string>(), e["text"]!.GetValue<string>()))
            .ToList();
        return IntentResult.FromScores(intents, threshold, SourceName) with { Entities = entities };
    }
}

/// <summary>CLU failed: not configured, unreachable, an error status, or an answer in an unexpected shape.</summary>
public sealed class CluException(string message, Exception? inner = null) : Exception(message, inner);

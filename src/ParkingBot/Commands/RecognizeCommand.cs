using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ParkingBot.Hosting;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Commands;

/// <summary>
/// `recognize [--now 2026-11-20T15:00+09:00]`: one utterance per line in, one JSON object per line out:
/// {"text": "...", "intent": "...", "score": 0.97, "entities": [...]}. Nothing else is written to standard output.
/// </summary>
public static class RecognizeCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var configuration = CommandConfiguration.Load();
        var now = ShiftedClock.From(configuration).GetUtcNow();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--now" && i + 1 < args.Length
                && DateTimeOffset.TryParse(args[++i], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                now = parsed;
            }
            else
            {
                await error.WriteLineAsync("usage: recognize [--now 2026-11-20T15:00+09:00] < utterances.txt");
                return 2;
            }
        }
        var recognizer = new KoreanEntityRecognizer();
        var (intents, _) = CommandConfiguration.IntentRecognizer(configuration, recognizer);
        while (await input.ReadLineAsync() is { } line)
        {
            var intent = await intents.RecognizeAsync(line);
            var entities = new JsonArray(recognizer.Recognize(line, now).Select(e => (JsonNode)EntityJson.ToJson(e)).ToArray());
            await output.WriteLineAsync(new JsonObject
            {
                ["text"] = line,
                ["intent"] = intent.TopIntent,
                ["score"] = intent.Score,
                ["entities"] = entities,
            }.ToJsonString(Json));
        }
        return 0;
    }
}

using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Prompts;

/// <summary>Korean yes/no for ConfirmPrompt: the first yes or no word in the message (네, 아니에요, ㅇㅇ…).</summary>
public sealed class KoreanConfirmRecognizer(KoreanEntityRecognizer recognizer) : IConfirmRecognizer
{
    public bool? Recognize(string? text, string? locale) =>
        recognizer.Recognize(text ?? "", DateTimeOffset.UnixEpoch)
            .Select(e => e.Resolution)
            .OfType<YesNoResolution>()
            .Select(answer => (bool?)answer.Yes)
            .FirstOrDefault();
}

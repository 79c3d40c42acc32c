using ParkingBot.Handoff.Relay;

namespace ParkingBot.Logging;

/// <summary>Transcripts shown to agents mask what logs mask.</summary>
public sealed class MaskingTextMasker : ITextMasker
{
    public string Mask(string text) => SensitiveDataMasker.Mask(text);
}

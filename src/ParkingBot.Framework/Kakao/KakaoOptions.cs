namespace ParkingBot.Framework.Kakao;

/// <summary>The KakaoTalk channel's settings (configuration section Kakao): one Open Builder skill on the fallback block.</summary>
public sealed class KakaoOptions
{
    /// <summary>
    /// The secret in the skill's URL (POST /api/kakao/skill/{key}) or its X-ParkingBot-Skill-Key header. A secret: environment
    /// or secret store only. Empty: the skill endpoint refuses every request.
    /// </summary>
    public string? SkillKey { get; set; }

    /// <summary>The Open Builder bot whose requests are taken (the payload's bot.id). Empty: every request is refused.</summary>
    public string? BotId { get; set; }

    /// <summary>How long a request waits for its turn before answering useCallback (Kakao gives a skill 5 s).</summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromSeconds(3.5);

    /// <summary>How long after the request a final response may still be POSTed to its callbackUrl (Kakao's URL lives 1 minute).</summary>
    public TimeSpan CallbackWindow { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>Hosts a callbackUrl may point to (a host or a domain whose subdomains count); always https, except loopback in tests.</summary>
    public List<string> CallbackHosts { get; set; } = ["kakao.com", "kakaocdn.net", "kakaoenterprise.com"];

    /// <summary>
    /// Hosts the image plugin's secure image URLs may point to (a host or a domain whose subdomains count); images are fetched
    /// from nowhere else. https only, except loopback in tests.
    /// </summary>
    public List<string> ImageHosts { get; set; } = ["kakaocdn.net", "kakao.com"];

    /// <summary>Largest SkillPayload accepted; larger bodies get 413.</summary>
    public int MaxPayloadBytes { get; set; } = 65_536;

    /// <summary>
    /// Whether a final response may be posted to <paramref name="url"/>: https on a host of <see cref="CallbackHosts"/> (or a
    /// subdomain of one); plain http only to a loopback host listed there (tests play Kakao on loopback).
    /// </summary>
    public bool AllowsCallback(Uri url) => Allows(url, CallbackHosts);

    /// <summary>Whether an image may be fetched from <paramref name="url"/>: as <see cref="AllowsCallback"/>, on <see cref="ImageHosts"/>.</summary>
    public bool AllowsImage(Uri url) => Allows(url, ImageHosts);

    private static bool Allows(Uri url, IEnumerable<string> hosts)
    {
        var listed = hosts.Any(host => url.Host.Equals(host, StringComparison.OrdinalIgnoreCase)
            || url.Host.EndsWith("." + host, StringComparison.OrdinalIgnoreCase));
        return url.IsAbsoluteUri && listed && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
    }
}

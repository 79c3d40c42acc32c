namespace ParkingBot.Language.Intents;

/// <summary>Where the deployed CLU model is (configuration section Clu; see cognitive-models/README.md).</summary>
public sealed class CluSettings
{
    public string? Endpoint { get; set; }
    public string? ProjectName { get; set; }
    public string? DeploymentName { get; set; }

    /// <summary>The Language resource key. A secret: environment variable Clu__Key or a secret store only.</summary>
    public string? Key { get; set; }

    public int TimeoutMilliseconds { get; set; } = 1500;
    public string ApiVersion { get; set; } = "2023-04-01";

    /// <summary>The language sent with each utterance (CLU's code for Korean is "ko").</summary>
    public string Language { get; set; } = "ko";

    public IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(Endpoint) || !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return "Clu:Endpoint";
        }
        if (string.IsNullOrWhiteSpace(ProjectName))
        {
            yield return "Clu:ProjectName";
        }
        if (string.IsNullOrWhiteSpace(DeploymentName))
        {
            yield return "Clu:DeploymentName";
        }
        if (string.IsNullOrWhiteSpace(Key))
        {
            yield return "Clu:Key";
        }
    }
}

namespace ParkingBot.Framework.DirectLine;

/// <summary>The embedded Direct Line channel's settings (configuration section DirectLine).</summary>
public sealed class DirectLineOptions
{
    /// <summary>The master secret for server-to-server calls (tokens/generate). A secret: environment or secret store only. Empty: no secret works.</summary>
    public string? Secret { get; set; }

    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>Largest activity a client may post (Azure: 256K characters).</summary>
    public int MaxActivityBytes { get; set; } = 262_144;

    /// <summary>Largest upload, all files of one request together (Azure refuses about 4 MB).</summary>
    public long MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Content types a customer may upload; the bytes must also look like that type.</summary>
    public List<string> AllowedUploadTypes { get; set; } = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"];

    /// <summary>Activities and uploads one token may post per minute; more get 429.</summary>
    public int PostsPerMinute { get; set; } = 60;

    /// <summary>Page tokens (new conversations) one client address may get per minute, per instance; more get 429.</summary>
    public int TokensPerMinutePerAddress { get; set; } = 30;

    /// <summary>Posts and uploads one client address may make per minute, per instance, whatever the token (many customers may share an address).</summary>
    public int PostsPerMinutePerAddress { get; set; } = 600;

    public string BotId { get; set; } = "parkingbot";

    public string BotName { get; set; } = "주차 고객센터";

    /// <summary>Most activities a conversation's log keeps; older ones are dropped (a conversation runs to a few dozen).</summary>
    public int MaxLogActivities { get; set; } = 1000;

    /// <summary>Most bytes of JSON a conversation's log keeps; older activities are dropped.</summary>
    public long MaxLogBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Where releases before uploads moved into the database kept them; imported at start-up (set from Storage:DataDirectory).</summary>
    public string FilesDirectory { get; set; } = Path.Combine("data", "directline-files");

    /// <summary>Where releases before the shared key store kept the token signing key; its key is taken over once (set from Storage:DataDirectory).</summary>
    public string SigningKeyFile { get; set; } = Path.Combine("data", "directline-signing.key");
}

using ParkingBot.Testing;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>A conversation test written as data (format: tests/ParkingBot.Dialogs.Tests/README.md).</summary>
public sealed class Transcript
{
    public string Name { get; set; } = "";

    public Dictionary<string, string?> Settings { get; set; } = [];

    /// <summary>The customer's channel user id (test-user is the demo customer; season-user has the season pass).</summary>
    public string UserId { get; set; } = "test-user";

    public List<TranscriptStep> Steps { get; set; } = [];

    public static Transcript Load(string path) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<Transcript>(TestClock.Expand(File.ReadAllText(path)));
}

public sealed class TranscriptStep
{
    /// <summary>The user joins the conversation (the bot welcomes them).</summary>
    public bool Join { get; set; }

    /// <summary>What the user types.</summary>
    public string? User { get; set; }

    /// <summary>A file the user sends (a receipt photo…).</summary>
    public TranscriptAttachment? Attach { get; set; }

    /// <summary>The response key the bot's next message must come from.</summary>
    public string? Bot { get; set; }

    /// <summary>The name of the event activity the bot sends next (handoff.initiate, handoff.status).</summary>
    public string? Event { get; set; }

    /// <summary>Optional: the exact text of that message.</summary>
    public string? Text { get; set; }

    /// <summary>Optional: text the message must contain.</summary>
    public string? Contains { get; set; }

    /// <summary>Optional: the exact suggested action titles, in order.</summary>
    public List<string>? SuggestedActions { get; set; }

    /// <summary>Every operation done in the parking store so far, in order (PickCancelled, TicketApplied…).</summary>
    public List<string>? Operations { get; set; }

    /// <summary>The latest handoff case: its reasons, category (prefix) and some of its slots.</summary>
    public ExpectedCase? Case { get; set; }

    public bool IsCheck => Operations is not null || Case is not null;

    public override string ToString() => Attach is not null ? $"attach: {Attach.Name}" : Operations is not null ? "operations" : Case is not null ? "case" : Join ? "join" : User is not null ? $"user: {User}" : Event is not null ? $"event: {Event}" : $"bot: {Bot}";
}

public sealed class TranscriptAttachment
{
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "image/jpeg";
    public string Url { get; set; } = "";
}

public sealed class ExpectedCase
{
    /// <summary>Names of the attachments the case must carry.</summary>
    public List<string>? Attachments { get; set; }

    public List<string> Reasons { get; set; } = [];
    public string? Category { get; set; }
    public Dictionary<string, string> Slots { get; set; } = [];
}

using ParkingBot.Testing;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>
/// A customer-language conversation (Conversations/*.yaml): what a customer writes, what the bot must be waiting for
/// after each message, and the outcome. Written from the playbooks alone; format: tests/ParkingBot.Dialogs.Tests/README.md.
/// </summary>
public sealed class Conversation
{
    public string Name { get; set; } = "";
    public string Customer { get; set; } = "test-user";
    public string? Playbook { get; set; }
    public List<string> Style { get; set; } = [];

    /// <summary>The customer's voice (short, long, formal, angry, unsure), for pass rates per voice.</summary>
    public string? Voice { get; set; }

    /// <summary>web (the default: the bot's own pipeline, as the web page reaches it) or kakao (through the KakaoTalk skill).</summary>
    public string Channel { get; set; } = "web";

    /// <summary>The classes of trouble the conversation exercises (issue #32's numbering), for pass rates per class.</summary>
    public List<int> Classes { get; set; } = [];
    public List<ConversationStep> Steps { get; set; } = [];
    public ConversationOutcome Outcome { get; set; } = new();

    /// <summary>
    /// Why the bot does not yet handle this conversation as written. The runner then requires it to fail, so a fix shows
    /// up as a failing test that asks for the mark to be removed; the closing note lists every such conversation.
    /// </summary>
    public string? KnownGap { get; set; }

    /// <summary>
    /// The moment the customer's words assume, when they name the calendar itself ("작년 10월"): the conversation then
    /// runs at that moment whatever the test clock, and its dates are written out. Otherwise dates are day tokens
    /// (<see cref="TestClock.Expand"/>) and it runs at <see cref="TestClock.Now"/>.
    /// </summary>
    public string? Now { get; set; }

    public TimeProvider Clock() => new ManualClock(Now is null ? TestClock.Now : TestClock.Read(Now));

    public static Conversation Load(string path) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<Conversation>(TestClock.Expand(File.ReadAllText(path)));
}

public sealed class ConversationStep
{
    public string? User { get; set; }

    /// <summary>The name of a file the customer sends (a receipt, records).</summary>
    public string? Attach { get; set; }

    /// <summary>What the bot waits for after answering: an <c>expecting</c> name, "agent" (handed off) or "none".</summary>
    public string Then { get; set; } = "";

    public override string ToString() => User is not null ? $"user: {User}" : $"attach: {Attach}";
}

public sealed class ConversationOutcome
{
    /// <summary>The last flow the bot ran, AgentRequest, or none.</summary>
    public string? Topic { get; set; }

    public List<string>? Operations { get; set; }

    /// <summary>"none", or the case's reasons and some of its slots.</summary>
    public object? Handoff { get; set; }

    public List<string> NeverAsked { get; set; } = [];
    public List<string> Mentions { get; set; } = [];
    public List<string> NeverMentions { get; set; } = [];

    /// <summary>The last case's state at the end (Queued, FollowUp, CancelledByCustomer…), when the conversation says.</summary>
    public string? CaseStatus { get; set; }

    /// <summary>The satisfaction rating the customer gave (1-5; the last counts), or "none" when they gave none.</summary>
    public string? Csat { get; set; }
}

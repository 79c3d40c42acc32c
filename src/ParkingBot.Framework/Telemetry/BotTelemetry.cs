using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ParkingBot.Framework.Telemetry;

/// <summary>
/// ParkingBot's own meter and activity source ("ParkingBot"): what operators watch, in names that never carry a customer's
/// words, a conversation id in clear, a car or a phone number. Instruments cost nothing until a listener (OpenTelemetry)
/// subscribes.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "ParkingBot";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("parkingbot.turns", "{turn}", "Turns run, by channel and outcome.");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("parkingbot.turn.duration", "s",
        "How long a turn took, from taking the conversation's lock to its commit, by channel.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> FlowEndings = Meter.CreateCounter<long>("parkingbot.flow.endings", "{flow}", "Flows ended, by flow and ending.");

    public static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("parkingbot.handoffs", "{case}", "Cases opened for agents, by flow and reason.");

    public static readonly Histogram<double> CaseWait = Meter.CreateHistogram<double>("parkingbot.handoff.wait", "s",
        "How long a case waited for an agent to claim it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600] });

    public static readonly Histogram<double> RecognizerConfidence = Meter.CreateHistogram<double>("parkingbot.recognizer.confidence", "1",
        "The intent recognizer's score for the top intent of a customer's message, by intent.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });

    public static readonly UpDownCounter<long> DirectLineConnections = Meter.CreateUpDownCounter<long>("parkingbot.directline.connections", "{connection}",
        "Direct Line WebSocket streams open on this instance.");

    /// <summary>Counts the cases waiting for an agent; asked only when the meter is collected (a scrape), so an idle instance pays nothing.</summary>
    public static Func<long>? CountQueue { get; set; }

    private static readonly ObservableGauge<long> Queue = Meter.CreateObservableGauge("parkingbot.handoff.queue",
        () => CountQueue is { } count ? [new Measurement<long>(count())] : Array.Empty<Measurement<long>>(), "{case}", "Cases waiting for an agent.");
}

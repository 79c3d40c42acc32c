using System.Text.Json.Nodes;
using ParkingBot.Data;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// The durable side of the embedded Direct Line: which conversations were started and each one's activity log.
/// An activity's place in its conversation's log is its watermark and the tail of its id ({conversationId}|0000007),
/// so ids and watermarks continue across restarts and instances.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Marks the conversation started; true only for the call that started it (the bot welcomes once).</summary>
    Task<bool> TryStartAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the activity its id and the server's timestamp and appends it to the log. An activity with a
    /// <paramref name="deliveryKey"/> the log already holds is not appended again: the logged one is returned.
    /// </summary>
    Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, string? deliveryKey, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The database the log is in; a turn's commit writes the turn's replies with its state when it is the state's.</summary>
    SqlDatabase Database { get; }

    /// <summary>
    /// The statements that append activities in order (each delivery key once), to run in a turn's commit; the activities'
    /// ids are their places in the log, taken when the commit is written.
    /// </summary>
    IReadOnlyList<SqlStatement> AppendStatements(string conversationId, IReadOnlyList<(Activity Activity, string? DeliveryKey)> activities, DateTimeOffset now);

    /// <summary>The watermark of the conversation's last activity (0 when none).</summary>
    Task<long> LastWatermarkAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The activities after <paramref name="watermark"/> (at most <paramref name="max"/>) and the watermark after them.
    /// A watermark past the end of the log (a client that saw another log) reads the log from its start instead.
    /// </summary>
    Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the logs of conversations with no activity since <paramref name="cutoff"/>, except those in
    /// <paramref name="keep"/>; returns the conversations removed.
    /// </summary>
    Task<IReadOnlyList<string>> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default);
}

/// <param name="Appended">False when the delivery key was already in the log (the activity is the logged one).</param>
public sealed record LoggedActivity(Activity Activity, long Watermark, bool Appended);

public sealed record ActivityPage(IReadOnlyList<JsonObject> Activities, long Watermark);

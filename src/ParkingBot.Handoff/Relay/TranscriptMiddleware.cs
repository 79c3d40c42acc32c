using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Relay;

/// <summary>
/// Records every message in and out of a conversation, with its original sender, phone numbers masked: the turn's lines
/// are written in the turn's commit, with its state; until then <see cref="Pending"/> holds them.
/// </summary>
public sealed class TranscriptMiddleware(ConversationTranscripts transcripts, ITextMasker masker, TimeProvider timeProvider) : IMiddleware
{
    private const string PendingKey = "ParkingBot.Handoff.PendingTranscript";

    /// <summary>The lines of this turn not yet written (a case opened during the turn starts with them too).</summary>
    public static IReadOnlyList<TranscriptEntry> Pending(ITurnContext turnContext) =>
        turnContext.TurnState.Get<List<TranscriptEntry>>(PendingKey) ?? [];

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var key = ConversationKey.Of(turnContext.Activity);
        var pending = new List<TranscriptEntry>();
        turnContext.TurnState[PendingKey] = pending;
        if (turnContext.Activity.IsType(ActivityTypes.Message))
        {
            pending.Add(TranscriptEntries.From(turnContext.Activity, TranscriptSender.Customer, masker, timeProvider) with { Key = IdempotencyKeys.For(turnContext, "transcript.in") });
        }
        var (flushed, sent) = (false, 0);
        turnContext.OnSendActivities(async (context, activities, sendNext) =>
        {
            foreach (var message in activities.Where(a => a.IsType(ActivityTypes.Message)))
            {
                var sender = message.ChannelData?[HandoffService.AgentMarker] is not null ? TranscriptSender.Agent : TranscriptSender.Bot;
                pending.Add(TranscriptEntries.From(message, sender, masker, timeProvider) with { Key = IdempotencyKeys.For(turnContext, $"transcript.out{sent++}") });
            }
            if (flushed)
            {
                // Sent after the middleware ran (the error handler's apology): in the commit too when the turn has one.
                await WriteAsync(turnContext, key, pending, cancellationToken);
            }
            return await sendNext();
        });
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            await WriteAsync(turnContext, key, pending, cancellationToken);
            flushed = true;
        }
    }

    private async Task WriteAsync(ITurnContext turnContext, string key, List<TranscriptEntry> pending, CancellationToken cancellationToken)
    {
        if (TurnCommit.Of(turnContext) is { } commit)
        {
            commit.Add(transcripts.Database, transcripts.AppendStatements(key, [.. pending]));
        }
        else
        {
            await transcripts.AppendAsync(key, pending, cancellationToken);
        }
        pending.Clear();
    }
}

/// <summary>A message as a transcript entry: its sender, masked text and attachments.</summary>
public static class TranscriptEntries
{
    public static TranscriptEntry From(Activity activity, TranscriptSender sender, ITextMasker masker, TimeProvider timeProvider) => new(
        activity.Timestamp ?? timeProvider.GetUtcNow(),
        sender,
        activity.From?.Name ?? activity.From?.Id ?? sender.ToString(),
        activity.Text is { } text ? masker.Mask(text) : null,
        activity.Attachments?.Where(a => a.ContentUrl is not null)
            .Select(a => new CaseAttachment(a.Name ?? "attachment", a.ContentType ?? "application/octet-stream", a.ContentUrl!)).ToList(),
        Buttons: activity.SuggestedActions?.Actions?.Select(a => a.Title ?? a.Value?.ToString() ?? "").Where(t => t.Length > 0).ToList() is { Count: > 0 } buttons ? buttons : null);
}

/// <summary>Masks personal data (phone numbers, car numbers) in text kept for people to read.</summary>
public interface ITextMasker
{
    string Mask(string text);
}

public static class ConversationKey
{
    public static string Of(Activity activity) => ConversationKeys.Of(activity.ChannelId ?? "", activity.Conversation?.Id ?? "");
}

using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Relay;

/// <summary>Records every message in and out of a conversation, with its original sender, phone numbers masked.</summary>
public sealed class TranscriptMiddleware(ConversationTranscripts transcripts, ITextMasker masker, TimeProvider timeProvider) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var key = ConversationKey.Of(turnContext.Activity);
        if (turnContext.Activity.IsType(ActivityTypes.Message))
        {
            await transcripts.AppendAsync(key, TranscriptEntries.From(turnContext.Activity, TranscriptSender.Customer, masker, timeProvider)
                with { Key = IdempotencyKeys.For(turnContext, "transcript.in") }, cancellationToken);
        }
        var sent = 0;
        turnContext.OnSendActivities(async (context, activities, sendNext) =>
        {
            foreach (var message in activities.Where(a => a.IsType(ActivityTypes.Message)))
            {
                var sender = message.ChannelData?[HandoffService.AgentMarker] is not null ? TranscriptSender.Agent : TranscriptSender.Bot;
                await transcripts.AppendAsync(key, TranscriptEntries.From(message, sender, masker, timeProvider)
                    with { Key = IdempotencyKeys.For(turnContext, $"transcript.out{sent++}") }, cancellationToken);
            }
            return await sendNext();
        });
        await next(cancellationToken);
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
            .Select(a => new CaseAttachment(a.Name ?? "attachment", a.ContentType ?? "application/octet-stream", a.ContentUrl!)).ToList());
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

using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

/// <summary>Runs turns in memory (no HTTP) and keeps what the bot sends, in order.</summary>
public sealed class TestAdapter : BotAdapter
{
    private readonly Queue<Activity> _replies = new();

    public IReadOnlyCollection<Activity> PendingReplies => _replies;

    public Activity? GetNextReply() => _replies.TryDequeue(out var reply) ? reply : null;

    public Task ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
        RunPipelineAsync(new TurnContext(this, activity), callback, cancellationToken);

    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
        RunPipelineAsync(new TurnContext(this, reference.ApplyTo(Activity.CreateEventActivity("ContinueConversation"), isIncoming: true)), callback, cancellationToken);

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            _replies.Enqueue(activity);
        }
        return Task.FromResult(activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString())).ToArray());
    }
}

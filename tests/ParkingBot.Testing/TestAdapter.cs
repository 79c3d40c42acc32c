using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

/// <summary>Runs turns in memory (no HTTP) and keeps what the bot sends, in order.</summary>
public sealed class TestAdapter : BotAdapter
{
    private readonly Queue<Activity> _replies = new();

    public IReadOnlyCollection<Activity> PendingReplies => _replies;

    public Activity? GetNextReply() => _replies.TryDequeue(out var reply) ? reply : null;

    /// <summary>Queues a reply delivered by another runner (the <see cref="TurnRunner"/> in tests that run turns through it).</summary>
    public void Deliver(Activity activity) => _replies.Enqueue(activity);

    /// <summary>Runs every turn through this instead of the adapter's own pipeline (the real <see cref="TurnRunner"/>).</summary>
    public Func<Activity, BotCallbackHandler, Task>? Runner { get; set; }

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

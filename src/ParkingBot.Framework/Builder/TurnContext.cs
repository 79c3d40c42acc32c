using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

public sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext, IDisposable
{
    private readonly List<SendActivitiesHandler> _onSendActivities = [];

    public BotAdapter Adapter { get; } = adapter;

    public Activity Activity { get; } = activity;

    public TurnContextStateCollection TurnState { get; } = [];

    public bool Responded { get; private set; }

    public Task<ResourceResponse> SendActivityAsync(string text, string? inputHint = null, CancellationToken cancellationToken = default)
    {
        var message = Activity.CreateMessageActivity(text);
        message.InputHint = inputHint ?? InputHints.AcceptingInput;
        return SendActivityAsync(message, cancellationToken);
    }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses.Length > 0 ? responses[0] : new ResourceResponse(null);
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var reference = Activity.GetConversationReference();
        var outgoing = activities.Select(a => reference.ApplyTo(a.Clone(), isIncoming: false)).ToList();
        return RunOnSendHandlers(outgoing, 0, async () =>
        {
            if (outgoing.Count == 0)
            {
                return [];
            }
            var responses = await Adapter.SendActivitiesAsync(this, outgoing, cancellationToken);
            Responded |= outgoing.Any(a => a.IsType(ActivityTypes.Message));
            return responses;
        });
    }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        _onSendActivities.Add(handler);
        return this;
    }

    private Task<ResourceResponse[]> RunOnSendHandlers(List<Activity> activities, int index, Func<Task<ResourceResponse[]>> send) =>
        index == _onSendActivities.Count
            ? send()
            : _onSendActivities[index](this, activities, () => RunOnSendHandlers(activities, index + 1, send));

    /// <summary>Ends the turn: what it kept in <see cref="TurnState"/> is released (the state it read, say).</summary>
    public void Dispose() => TurnState.Dispose();
}

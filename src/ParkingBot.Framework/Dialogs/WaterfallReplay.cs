using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs;

/// <summary>
/// What the customer hears while a restarted waterfall replays the answers they gave: the steps run again, but only what
/// they say after the last replayed answer is new; everything before it was said in the first run. While a waterfall has
/// answers to replay, its steps' replies are held, dropped at each replayed answer, and the rest sent when the outermost
/// step returns (steps run inside one another: a step that moves on runs the next).
/// </summary>
internal sealed class WaterfallReplay
{
    private const string Key = nameof(WaterfallReplay);
    private readonly List<Activity> _held = [];
    private int _depth;

    public static WaterfallReplay Begin(ITurnContext turnContext)
    {
        if (turnContext.TurnState.Get<WaterfallReplay>(Key) is not { } replay)
        {
            replay = new WaterfallReplay();
            turnContext.TurnState[Key] = replay;
            turnContext.OnSendActivities((context, activities, next) => replay._depth > 0 ? replay.HoldAsync(activities) : next());
        }
        replay._depth++;
        return replay;
    }

    public static void AnswerReplayed(ITurnContext turnContext) => turnContext.TurnState.Get<WaterfallReplay>(Key)?._held.Clear();

    public async Task EndAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (--_depth > 0 || _held.Count == 0)
        {
            return;
        }
        var held = _held.ToList();
        _held.Clear();
        await turnContext.SendActivitiesAsync(held, cancellationToken);
    }

    public void Abandon()
    {
        if (--_depth == 0)
        {
            _held.Clear();
        }
    }

    private Task<ResourceResponse[]> HoldAsync(List<Activity> activities)
    {
        _held.AddRange(activities);
        return Task.FromResult(activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("n"))).ToArray());
    }
}

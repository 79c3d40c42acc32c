using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TOptions, TValues>(WaterfallStepContext<TOptions, TValues> stepContext, CancellationToken cancellationToken)
    where TOptions : class, new()
    where TValues : class, new();

/// <summary>
/// A fixed sequence of steps. Each step asks something (a prompt) or does something and moves on;
/// the answer arrives as the next step's <see cref="WaterfallStepContext{TOptions,TValues}.Result"/>.
/// <typeparamref name="TOptions"/> are what the caller passed in; <typeparamref name="TValues"/> is the
/// step state the steps share, saved between turns.
/// </summary>
/// <remarks>
/// A running waterfall saves the name of its step and its version (a hash of its step names, in order), and every answer
/// a child (prompt or dialog) gave it (<see cref="WaterfallAnswers"/>). When a release changed the steps, a conversation
/// saved before it does not resume by position: the waterfall starts again from its first step and each question already
/// answered is answered again from the record, silently, so the customer is asked only what is still missing. Steps are
/// named by their method: rename a step whose meaning changed, and a saved conversation restarts instead of resuming it.
/// </remarks>
public class WaterfallDialog<TOptions, TValues> : Dialog
    where TOptions : class, new()
    where TValues : class, new()
{
    private const string StepName = "step";
    private const string VersionKey = "version";
    private const string OptionsKey = "options";
    private const string PendingChild = "pending";
    private const string LegacyStepIndex = "stepIndex";
    private const string StoppedAt = "restartedFrom";
    internal const string ValuesKey = "values";

    private readonly IReadOnlyList<WaterfallStep<TOptions, TValues>> _steps;
    private readonly List<string> _names;
    private readonly string _version;

    public WaterfallDialog(string id, IReadOnlyList<WaterfallStep<TOptions, TValues>> steps) : base(id)
    {
        _steps = steps;
        _names = steps.Select(step => step.Method.Name).ToList();
        if (_names.Distinct(StringComparer.Ordinal).Count() != _names.Count)
        {
            throw new ArgumentException($"Waterfall '{id}' uses a step method twice; each step needs its own name.", nameof(steps));
        }
        _version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _names))))[..16];
    }

    public override string GetVersion() => _version;

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = options is null ? null : JsonSerializer.SerializeToNode(options, options.GetType(), BotJson.Options);
        instance.Write(ValuesKey, new TValues());
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>The user answered while a step (not a prompt) was waiting: move on with the message text.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.Context.Activity.IsType(ActivityTypes.Message)
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        if (instance.State[PendingChild]?.GetValue<string>() is { } child && reason != DialogReason.VersionChanged)
        {
            WaterfallAnswers.Record(instance, child, result);
        }
        instance.State.Remove(PendingChild);
        var index = reason == DialogReason.VersionChanged ? -1 : SavedStepIndex(instance);
        return index < 0
            ? await RestartAsync(dc, cancellationToken)
            : await RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>
    /// Where the saved conversation stopped, or -1 when this waterfall's steps changed since. State saved before steps had
    /// names (a step index only) is taken as this version's: that release's step lists are this one's.
    /// </summary>
    private int SavedStepIndex(DialogInstance instance)
    {
        if (instance.Read<string>(VersionKey) is not { } version)
        {
            return instance.State[LegacyStepIndex] is null ? -1 : instance.Read<int>(LegacyStepIndex);
        }
        return version == _version ? _names.IndexOf(instance.Read<string>(StepName) ?? "") : -1;
    }

    private async Task<DialogTurnResult> RestartAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        WaterfallAnswers.StartReplay(instance);
        if (instance.Read<string>(StepName) is { } stoppedAt && _names.Contains(stoppedAt))
        {
            instance.Write(StoppedAt, stoppedAt);
        }
        instance.Write(ValuesKey, new TValues());
        return await RunStepAsync(dc, 0, DialogReason.VersionChanged, null, cancellationToken);
    }

    /// <summary>Whether this run of a step repeats one the first run already made (a restart has not yet passed where it stopped).</summary>
    internal static bool IsReplay(DialogInstance instance) => instance.State[StoppedAt] is not null;

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }
        var instance = dc.ActiveDialog!;
        if (index > 0 && instance.Read<string>(StoppedAt) == _names[index - 1])
        {
            // The replay is past the step the first run was waiting in: what that step said was heard then.
            instance.State.Remove(StoppedAt);
            WaterfallReplay.AnswerReplayed(dc.Context);
        }
        instance.Write(StepName, _names[index]);
        instance.Write(VersionKey, _version);
        instance.State.Remove(LegacyStepIndex);
        var options = instance.Read<TOptions>(OptionsKey) ?? new TOptions();
        var values = instance.Read<TValues>(ValuesKey) ?? new TValues();
        var stepContext = new WaterfallStepContext<TOptions, TValues>(this, dc, instance, index, reason, options, values, result);
        var replay = WaterfallAnswers.Replaying(instance) ? WaterfallReplay.Begin(dc.Context) : null;
        DialogTurnResult stepResult;
        try
        {
            stepResult = await _steps[index](stepContext, cancellationToken);
        }
        catch
        {
            // The turn failed: what the replay held is dropped, and the error handler's apology must not be held.
            replay?.Abandon();
            throw;
        }
        stepContext.SaveValues();
        if (replay is not null)
        {
            await replay.EndAsync(dc.Context, cancellationToken);
        }
        return stepResult;
    }

    /// <summary>
    /// A step starts a prompt or a child dialog. After a restart, one the customer already answered is not asked again:
    /// its recorded answer goes straight to the next step.
    /// </summary>
    internal async Task<DialogTurnResult> BeginChildAsync(DialogContext dc, int index, string dialogId, object? options, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        if (WaterfallAnswers.TakeReplayed(instance, dialogId) is { } answer)
        {
            WaterfallAnswers.Record(instance, dialogId, answer.Value);
            WaterfallReplay.AnswerReplayed(dc.Context);
            return await RunStepAsync(dc, index + 1, DialogReason.EndCalled, answer.Value, cancellationToken);
        }
        instance.Write(PendingChild, dialogId);
        return await dc.BeginDialogAsync(dialogId, options, cancellationToken);
    }
}

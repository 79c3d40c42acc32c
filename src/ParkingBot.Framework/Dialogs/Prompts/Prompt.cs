using System.Text.Json;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>
/// Asks, then on each answer: recognize, count the attempt, validate, and either end with the value or
/// ask again (the retry prompt, unless the validator already answered the customer).
/// </summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string AttemptCountKey = "attemptCount";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var promptOptions = options as PromptOptions ?? throw new ArgumentException($"{GetType().Name} needs PromptOptions.", nameof(options));
        var instance = dc.ActiveDialog!;
        instance.Write(OptionsKey, promptOptions);
        instance.Write(AttemptCountKey, 0);
        await OnPromptAsync(dc.Context, promptOptions, isRetry: false, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }
        var instance = dc.ActiveDialog!;
        var options = ReadOptions(instance);
        var attemptCount = instance.Read<int>(AttemptCountKey) + 1;
        instance.Write(AttemptCountKey, attemptCount);

        var recognized = await OnRecognizeAsync(dc.Context, options, cancellationToken);
        var isValid = validator is null
            ? recognized.Succeeded
            : await validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attemptCount), cancellationToken);
        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }
        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, options, isRetry: true, cancellationToken);
        }
        return EndOfTurn;
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default) =>
        RepromptThenWaitAsync(dc, cancellationToken);

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        OnPromptAsync(turnContext, ReadOptions(instance), isRetry: false, cancellationToken);

    protected virtual Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        var prompt = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        return prompt is null ? Task.CompletedTask : turnContext.SendActivityAsync(Decorate(prompt.Clone(), options), cancellationToken);
    }

    /// <summary>Adds what the prompt shows besides its text (suggested actions for choices).</summary>
    protected virtual Activity Decorate(Activity prompt, PromptOptions options)
    {
        prompt.InputHint ??= InputHints.ExpectingInput;
        return prompt;
    }

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);

    protected static PromptOptions ReadOptions(DialogInstance instance) => instance.Read<PromptOptions>(OptionsKey) ?? new PromptOptions();

    private async Task<DialogTurnResult> RepromptThenWaitAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }
}

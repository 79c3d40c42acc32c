using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs.Prompts;

public sealed class PromptOptions
{
    /// <summary>What to ask.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>What to ask after an answer was not understood (defaults to <see cref="Prompt"/>).</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The choices of a ChoicePrompt, or the yes and no labels of a ConfirmPrompt (in that order).</summary>
    public List<Choice>? Choices { get; set; }
}

public sealed class Choice
{
    public Choice() { }

    public Choice(string value, params string[] synonyms)
    {
        Value = value;
        Synonyms = synonyms.Length > 0 ? [.. synonyms] : null;
    }

    /// <summary>The choice, also its button title unless <see cref="Title"/> says otherwise.</summary>
    public string Value { get; set; } = "";

    public string? Title { get; set; }

    public List<string>? Synonyms { get; set; }
}

public sealed record FoundChoice(string Value, int Index);

/// <summary>What the validator of a prompt sees: the recognized answer and how many answers were given.</summary>
public sealed class PromptValidatorContext<T>(Builder.ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
{
    public Builder.ITurnContext Context { get; } = context;
    public PromptRecognizerResult<T> Recognized { get; } = recognized;
    public PromptOptions Options { get; } = options;

    /// <summary>Answers given so far, this one included.</summary>
    public int AttemptCount { get; } = attemptCount;
}

public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default)
{
    public static readonly PromptRecognizerResult<T> NotRecognized = new(false);
}

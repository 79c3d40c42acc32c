namespace ParkingBot.Framework.Dialogs;

public enum DialogTurnStatus
{
    /// <summary>The stack is empty.</summary>
    Empty,
    /// <summary>The active dialog waits for the user's next message.</summary>
    Waiting,
    /// <summary>The dialog ended; <see cref="DialogTurnResult.Result"/> holds what it returned.</summary>
    Complete,
    /// <summary>The dialog was cancelled.</summary>
    Cancelled,
}

public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,

    /// <summary>
    /// A release changed the dialog's definition since the conversation was saved (its steps, or a child it was waiting
    /// for is gone): it starts again from its first step with the answers the customer already gave.
    /// </summary>
    VersionChanged,
}

public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    /// <summary>Typed access to the result; a mismatch is a programming error and says so.</summary>
    public T GetResult<T>() => DialogResults.As<T>(Result);
}

internal static class DialogResults
{
    public static T As<T>(object? result) => result is T typed
        ? typed
        : throw new InvalidCastException($"Expected a dialog result of type {typeof(T).Name}, got {result?.GetType().Name ?? "null"}.");
}

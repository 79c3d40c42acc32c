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

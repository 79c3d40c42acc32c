using System.Collections.Concurrent;
using System.Diagnostics;

namespace ParkingBot.Testing;

/// <summary>
/// Every operating-system process a test starts (a bot, a command), so that none outlives the test run: each is ended
/// with its whole tree when its test is done, and whatever is still running when the test process exits (a test that
/// was aborted, a fixture that never got disposed) is killed then.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<Process, byte> Running = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Keys)
            {
                Kill(process);
            }
        };
    }

    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        Running[process] = 0;
        return process;
    }

    /// <summary>Kills the process and everything it started, if still running, and waits until it is gone.</summary>
    public static async Task EndAsync(Process process)
    {
        if (!Running.TryRemove(process, out _))
        {
            return;
        }
        Kill(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>
    /// Waits for the process to exit for as long as it makes progress (uses the processor or, through
    /// <paramref name="lastOutputAt"/>, writes), and kills it once it has made none for <paramref name="stallLimit"/>.
    /// </summary>
    public static async Task WaitForExitAsync(Process process, TimeSpan stallLimit, Func<long>? lastOutputAt = null)
    {
        var progress = new ProgressWatch(process, lastOutputAt);
        while (!process.HasExited)
        {
            if (progress.Stalled(stallLimit))
            {
                await EndAsync(process);
                throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} made no progress for {stallLimit.TotalSeconds:0} s and was killed.");
            }
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(1)));
        }
        await process.WaitForExitAsync();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }
}

/// <summary>Whether a process has gone <c>limit</c> without using the processor or writing a line (the time of its last line, from Stopwatch).</summary>
public sealed class ProgressWatch(Process process, Func<long>? lastOutputAt = null)
{
    private TimeSpan _processorTime = TimeSpan.MinValue;
    private long _lastOutputAt = lastOutputAt?.Invoke() ?? 0;
    private long _lastProgressAt = Stopwatch.GetTimestamp();

    public bool Stalled(TimeSpan limit)
    {
        var processorTime = ProcessorTime();
        var output = lastOutputAt?.Invoke() ?? 0;
        if (processorTime != _processorTime || output != _lastOutputAt)
        {
            (_processorTime, _lastOutputAt, _lastProgressAt) = (processorTime, output, Stopwatch.GetTimestamp());
        }
        return Stopwatch.GetElapsedTime(_lastProgressAt) > limit;
    }

    private TimeSpan ProcessorTime()
    {
        try
        {
            process.Refresh();
            return process.HasExited ? _processorTime : process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return _processorTime;
        }
    }
}

using System.Collections.Concurrent;

namespace ParkingBot.Testing;

/// <summary>
/// Temporary folders for tests that cannot say when they are done with them (a bot built for one conversation, a file
/// handed to a command): each is removed when the test process exits, so a test run leaves none behind.
/// </summary>
public static class TestFolders
{
    private static readonly ConcurrentQueue<string> Made = new();

    static TestFolders()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            while (Made.TryDequeue(out var folder))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Already gone, or still held: the run's own temporary folder (scripts/test.sh) takes it.
                }
            }
        };
    }

    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        Made.Enqueue(folder);
        return folder;
    }
}

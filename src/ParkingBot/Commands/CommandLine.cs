namespace ParkingBot.Commands;

/// <summary>Tools that run instead of the web host: `ParkingBot recognize …`, `ParkingBot nlu-eval …`, `ParkingBot replies-eval …`, `ParkingBot hash-password`, `ParkingBot analytics …`.</summary>
public static class CommandLine
{
    /// <summary>
    /// A path as the person typed it: a relative one is read from the folder they ran the command in. `dotnet run
    /// --project` starts the app in the project's folder, so the shell's folder ($PWD) is the one they mean.
    /// </summary>
    public static string FromCaller(string path) =>
        Path.IsPathRooted(path) ? path
            : Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell && Directory.Exists(shell) ? shell : Directory.GetCurrentDirectory());

    public static bool IsCommand(string[] args) => args is ["recognize", ..] or ["nlu-eval", ..] or ["replies-eval", ..] or ["hash-password", ..] or ["analytics", ..];

    /// <summary>`hash-password`: reads a password from standard input, writes its hash for Agents:Accounts.</summary>
    private static async Task<int> HashPasswordAsync(TextReader input, TextWriter output, TextWriter error)
    {
        if (await input.ReadLineAsync() is not { Length: >= 8 } password)
        {
            await error.WriteLineAsync("usage: echo '<password of 8+ characters>' | ParkingBot hash-password");
            return 2;
        }
        await output.WriteLineAsync(Agents.AgentAccounts.Hash(password));
        return 0;
    }

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) => args[0] switch
    {
        "recognize" => RecognizeCommand.RunAsync(args[1..], input, output, error),
        "nlu-eval" => NluEvalCommand.RunAsync(args[1..], output, error),
        "replies-eval" => RepliesEvalCommand.RunAsync(args[1..], output, error),
        "hash-password" => HashPasswordAsync(input, output, error),
        "analytics" => AnalyticsCommand.RunAsync(args[1..], CommandConfiguration.Load(), output, error),
        _ => Task.FromResult(2),
    };
}

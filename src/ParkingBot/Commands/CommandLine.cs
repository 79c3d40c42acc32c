namespace ParkingBot.Commands;

/// <summary>Tools for designers and evaluators that run instead of the web host: `ParkingBot recognize …`.</summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args is ["recognize", ..];

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) => args[0] switch
    {
        "recognize" => RecognizeCommand.RunAsync(args[1..], input, output, error),
        _ => Task.FromResult(2),
    };
}

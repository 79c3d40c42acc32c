using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ParkingBot.Testing;

/// <summary>
/// The real bot as its own operating-system process (dotnet ParkingBot.dll) on a loopback port, with
/// its standard output (the JSON logs) kept for the test to read. It is waited for as long as it makes progress (a busy
/// machine starts it slowly, not never), and it never outlives its test: a start that fails kills it, and so do
/// disposal and the end of the test process.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>How long a starting bot may go without writing a line or using the processor before it is taken for hung.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private long _lastOutputAt = Stopwatch.GetTimestamp();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
        };
        start.ArgumentList.Add(HostAssembly());
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        // Anonymous /api/messages, as the Emulator on a developer's machine (the process runs in Production).
        start.Environment["Bot__AllowAnonymous"] = "true";
        start.Environment[TestClockHosting.Setting.Replace(":", "__")] = TestClockHosting.Offset;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        var host = new HostProcess(ChildProcesses.Start(start), new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await host.WaitUntilHealthyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; how long the process took to exit, and its exit code.</summary>
    public async Task<(TimeSpan Took, int ExitCode)> StopAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await ChildProcesses.WaitForExitAsync(_process, StallLimit, () => Interlocked.Read(ref _lastOutputAt));
        return (stopwatch.Elapsed, _process.ExitCode);
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.EndAsync(_process);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var progress = new ProgressWatch(_process, () => Interlocked.Read(ref _lastOutputAt));
        while (!progress.Stalled(StallLimit))
        {
            if (_process.HasExited)
            {
                // The parameterless wait also waits until the redirected output has been read to its end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The bot exited with {_process.ExitCode}:\n{Tail(Output)}");
            }
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer within the request's timeout: progress decides.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The bot did not become healthy: it wrote nothing and used no processor time for {StallLimit.TotalSeconds:0} s.\n{Tail(Output)}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            Interlocked.Exchange(ref _lastOutputAt, Stopwatch.GetTimestamp());
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : "…" + text[^3000..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command of the bot (`ParkingBot recognize …`) with <paramref name="input"/> on standard input.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(string input, params string[] arguments) =>
        RunCommandAsync(new Dictionary<string, string>(), input, arguments);

    /// <param name="environment">Settings for the command, as environment variables (Storage__DataDirectory...).</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IReadOnlyDictionary<string, string> environment, string input,
        params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(HostAssembly());
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = ChildProcesses.Start(start);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            await ChildProcesses.WaitForExitAsync(process, StallLimit);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            await ChildProcesses.EndAsync(process);
        }
    }

    /// <summary>src/ParkingBot's own build output, in the configuration the tests were built in.</summary>
    private static string HostAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "ParkingBot.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("ParkingBot.sln not found above the test output.");
        }
        var path = Path.Combine(root.FullName, "src", "ParkingBot", "bin", configuration, framework, "ParkingBot.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
    }
}

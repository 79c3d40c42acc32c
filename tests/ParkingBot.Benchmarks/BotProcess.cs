using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ParkingBot.Benchmarks;

/// <summary>The bot as its own process (dotnet ParkingBot.dll) on a fixed loopback port, so it can be killed and started again.</summary>
internal sealed class BotProcess
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    public BotProcess(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        _dataDirectory = dataDirectory;
        _settings = settings ?? new Dictionary<string, string>();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process!.Id;

    public async Task StartAsync()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "ParkingBot.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(host);
        start.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Storage__DataDirectory"] = _dataDirectory;
        start.Environment["Bot__AllowAnonymous"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The bot did not become healthy.");
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>Resident set size in MB, from /proc.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Testing;

/// <summary>
/// Plays the channel side the way the Bot Framework Emulator does: it serves the Connector API at its
/// serviceUrl (no trailing slash) and records every activity the bot posts there. Designer traces go to
/// <see cref="Traces"/>, apart from what a customer would see.
/// </summary>
public sealed class EmulatorChannel : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<ReceivedActivity> _received = new();
    private readonly ConcurrentQueue<Activity> _traces = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    private EmulatorChannel(LoopbackServer server) => _server = server;

    public string ServiceUrl => _server.BaseAddress.ToString().TrimEnd('/');

    public IReadOnlyCollection<ReceivedActivity> Received => _received;

    public IReadOnlyCollection<Activity> Traces => _traces;

    /// <summary>Status the channel answers with; set to an error to play an unreachable or failing channel.</summary>
    public int ResponseStatus { get; set; } = StatusCodes.Status200OK;

    public static async Task<EmulatorChannel> StartAsync()
    {
        EmulatorChannel? channel = null;
        var server = await LoopbackServer.StartAsync(_ => { }, app =>
            app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
            {
                var activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, BotJson.Options);
                if (activity!.IsType(ActivityTypes.Trace))
                {
                    channel!._traces.Enqueue(activity);
                }
                else
                {
                    channel!._received.Enqueue(new ReceivedActivity(
                        context.Features.Get<IHttpRequestFeature>()!.RawTarget, context.Request.Headers.Authorization.ToString(), activity));
                    channel._arrivals.Release();
                }
                context.Response.StatusCode = channel.ResponseStatus;
                await context.Response.WriteAsJsonAsync(new ResourceResponse(Guid.NewGuid().ToString()));
            }));
        channel = new EmulatorChannel(server);
        return channel;
    }

    /// <summary>Waits for <paramref name="count"/> more activities and returns them in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _arrivals.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"Expected {count} activities at the channel, got {i}.");
            }
        }
        return _received.ToArray()[^count..];
    }

    /// <summary>
    /// Waits until an activity that <paramref name="match"/> accepts has arrived (the bot posts to the channel after the
    /// page it changed has already updated, so a test that saw the page must still wait for the post).
    /// </summary>
    public async Task<ReceivedActivity> WaitUntilReceivedAsync(Func<ReceivedActivity, bool> match)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"No matching activity reached the channel in 30 s; it got {_received.Count}.");
            }
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <param name="Path">The request target exactly as sent, still percent-encoded.</param>
public sealed record ReceivedActivity(string Path, string Authorization, Activity Activity);

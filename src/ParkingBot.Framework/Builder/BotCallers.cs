using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Connector;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// Who may call /api/messages: with MicrosoftAppId, Azure Bot Service and the Emulator with valid tokens; without it
/// (anonymous mode) anyone, which is taken only in Development or with Bot:AllowAnonymous=true. Says so at start-up.
/// </summary>
public sealed class BotCallers(IOptions<BotFrameworkAuthenticationOptions> authentication, IOptions<CloudAdapterOptions> options, IHostEnvironment environment,
    ILogger<BotCallers> logger) : IHostedService
{
    public bool Anonymous { get; } = authentication.Value.IsAnonymous;

    public bool AnonymousAllowed { get; } = options.Value.AllowAnonymous ?? environment.IsDevelopment();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Anonymous && AnonymousAllowed)
        {
            logger.LogWarning("Anonymous mode: no MicrosoftAppId, so /api/messages takes unauthenticated activities from anyone who can reach it "
                + "and answers only serviceUrls on loopback or in Bot:AllowedServiceUrls. Use it for the Emulator on this machine, never exposed");
        }
        else if (Anonymous)
        {
            logger.LogWarning("No MicrosoftAppId: /api/messages answers 401 (unauthenticated activities are taken only in Development or with "
                + "Bot:AllowAnonymous=true); the embedded Direct Line is not affected");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using ParkingBot.Parking.Seed;
using ParkingBot.Parking.Store;

namespace ParkingBot.Hosting;

/// <summary>Seeds the embedded operations store at start-up; a bad seed file stops the start with its file and field.</summary>
public sealed class ParkingSeeder(SqlParkingOperations store, IConfiguration configuration, TimeProvider timeProvider, ILogger<ParkingSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = configuration["Parking:SeedFile"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json");
        try
        {
            var data = SeedReader.Read(path, timeProvider.GetUtcNow());
            if (await store.SeedAsync(data, path, cancellationToken))
            {
                logger.LogInformation("Seeded the parking store from {SeedFile}: {Lots} lots, {Customers} customers, {Usages} usages",
                    path, data.Lots.Count, data.Customers.Count, data.Usages.Count);
            }
        }
        catch (SeedException exception)
        {
            logger.LogCritical("{Problem}", exception.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.Integration;
using ParkingBot.Framework.Retention;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;
using ParkingBot.Parking.Store;

namespace ParkingBot.Hosting;

public static class ParkingDomainRegistration
{
    /// <summary>
    /// The parking domain: policy settings (Parking:Policies, validated at start-up), the embedded operations
    /// store (parking.db or the shared PostgreSQL database) seeded from Parking:SeedFile, and the policies.
    /// </summary>
    public static IServiceCollection AddParkingDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddTimeProvider();
        services.AddOptions<ParkingPolicySettings>()
            .Bind(configuration.GetSection("Parking:Policies"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ParkingPolicySettings>, ParkingPolicySettingsValidation>();
        services.AddSingleton(sp => new SqlParkingOperations(
            sp.GetRequiredService<StoreDatabases>().For("parking.db"),
            sp.GetRequiredService<TimeProvider>(),
            configuration["Parking:FallbackCustomerId"]));
        services.AddSingleton<IParkingOperations>(sp => sp.GetRequiredService<SqlParkingOperations>());
        services.AddSingleton<IExpiringStore, CommandResultsRetention>();
        services.AddHostedService<ParkingSeeder>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ParkingPolicySettings>>().Value);
        services.AddSingleton<SeasonPassCompensationPolicy>();
        services.AddSingleton<DoublePaymentPolicy>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private sealed class ParkingPolicySettingsValidation : IValidateOptions<ParkingPolicySettings>
    {
        public ValidateOptionsResult Validate(string? name, ParkingPolicySettings options) =>
            options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>The remembered results of keyed commands: a turn is not run again after the retention period.</summary>
    private sealed class CommandResultsRetention(SqlParkingOperations store) : IExpiringStore
    {
        public string Name => "command results";

        public Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default) =>
            store.RemoveCommandResultsBeforeAsync(cutoff, cancellationToken);
    }
}

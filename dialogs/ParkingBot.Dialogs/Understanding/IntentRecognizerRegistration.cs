using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// The intent recognizer chosen by Recognizer:Kind: Embedded (default; trained at start-up from Recognizer:ProjectFile)
/// or Clu (the Azure deployment in section Clu, falling back to the embedded recognizer when it fails or is slow); and
/// the replies classifier (<see cref="LearnedReplies"/>), trained at start-up from Recognizer:RepliesFile.
/// </summary>
public static class IntentRecognizerRegistration
{
    public static IServiceCollection AddIntentRecognizer(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(sp => TrainEmbedded(configuration, sp.GetRequiredService<KoreanEntityRecognizer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntentRecognizerRegistration))));
        services.AddHttpClient(CluIntentRecognizer.SourceName);
        services.AddSingleton<IIntentRecognizer>(sp => Create(configuration, sp.GetRequiredService<EmbeddedIntentRecognizer>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CluIntentRecognizer.SourceName), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => LearnedReplies.Train(configuration, sp.GetRequiredService<KoreanEntityRecognizer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LearnedReplies))));
        services.AddSingleton<LearnedReplies>();
        services.AddHostedService<IntentRecognizerWarmUp>();
        return services;
    }

    private static double Threshold(IConfiguration configuration) => UnderstandingSettings.From(configuration).Threshold;

    public static EmbeddedIntentRecognizer TrainEmbedded(IConfiguration configuration, KoreanEntityRecognizer entities, ILogger logger)
    {
        var file = configuration["Recognizer:ProjectFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, ConversationProject.DefaultFileName);
        var recognizer = EmbeddedIntentRecognizer.Train(ConversationProject.Load(file), entities,
            new EmbeddedRecognizerSettings
            {
                Threshold = Threshold(configuration),
                Epochs = configuration.GetValue("Recognizer:Epochs", new EmbeddedRecognizerSettings().Epochs),
            });
        var report = recognizer.Report;
        logger.LogInformation("Embedded intent recognizer trained on {Utterances} utterances ({Features} features) in {TrainingMilliseconds} ms; cross-validated accuracy {Accuracy:P1}, temperature {Temperature}.",
            report.Utterances, report.Features, (int)report.TrainingTime.TotalMilliseconds, report.CrossValidatedAccuracy, report.Temperature);
        return recognizer;
    }

    public static IIntentRecognizer Create(IConfiguration configuration, EmbeddedIntentRecognizer embedded, HttpClient http, ILoggerFactory loggers)
    {
        var kind = configuration["Recognizer:Kind"] ?? "Embedded";
        if (kind.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            return embedded;
        }
        if (!kind.Equals("Clu", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Recognizer:Kind must be Embedded or Clu, not '{kind}'.");
        }
        var settings = configuration.GetSection("Clu").Get<CluSettings>() ?? new CluSettings();
        var logger = loggers.CreateLogger<FallbackIntentRecognizer>();
        if (settings.Missing().ToList() is { Count: > 0 } missing)
        {
            logger.LogWarning("Recognizer:Kind is Clu but {Missing} is not set; every turn will fall back to the embedded recognizer.", string.Join(", ", missing));
        }
        return new FallbackIntentRecognizer(new CluIntentRecognizer(http, settings, Threshold(configuration)), embedded,
            TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds), logger);
    }

    /// <summary>Trains the embedded recognizer and the replies classifier while the host starts, not on the first customer's turn.</summary>
    private sealed class IntentRecognizerWarmUp(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<IIntentRecognizer>();
            services.GetRequiredService<LearnedReplies>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

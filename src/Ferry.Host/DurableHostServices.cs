using DurableTask.AzureStorage;
using Ferry.Orchestration;
using Ferry.Orchestration.Execution;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

public static class DurableHostServices
{
    /// <summary>
    /// The durable runtime of this host: the migration configuration of <c>FERRY_CONFIG</c>, the activities with the
    /// engines they keep open, the task hub on the storage of <c>AzureWebJobsStorage</c>, a worker on it, and the
    /// <see cref="DurableTaskClient"/> the HTTP API and the timer use.
    /// </summary>
    public static IServiceCollection AddFerryDurableHost(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DurableHostOptions.Section).Get<DurableHostOptions>() ?? new DurableHostOptions();
        services.AddSingleton(options);
        services.AddSingleton(_ => new MigrationConfigProvider(configuration[ConfigSource.Setting]));
        services.AddSingleton<EngineCache>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton(new WorkMode(options.SimulateWork));
        services.AddSingleton<Activities>();
        services.AddSingleton(sp => TaskHubService.Create(options, configuration[DurableHostOptions.StorageSetting], sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new FrameworkClient(sp.GetRequiredService<AzureStorageOrchestrationService>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<FrameworkClient>());
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<DurableWorker>();
        return services;
    }
}

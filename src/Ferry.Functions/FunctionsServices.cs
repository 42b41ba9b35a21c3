using Ferry.Orchestration;
using Ferry.Orchestration.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Functions;

public static class FunctionsServices
{
    /// <summary>What the activity wrappers need: the configuration of <c>FERRY_CONFIG</c>, the engines they keep open, the activity log.</summary>
    public static IServiceCollection AddFerryOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new MigrationConfigProvider(configuration[ConfigSource.Setting]));
        services.AddSingleton<EngineCache>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<Activities>();
        return services;
    }
}

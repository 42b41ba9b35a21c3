using Ferry.Dashboard;
using Ferry.Orchestration;
using Ferry.Orchestration.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    /// <summary>The dashboard's sign-in settings (section <c>Dashboard</c>), as the self-hosted host reads them.</summary>
    public static IServiceCollection AddFerryDashboard(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddSingleton(DashboardSettings.From(configuration, environment));
}

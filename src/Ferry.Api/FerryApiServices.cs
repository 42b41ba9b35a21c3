using Ferry.Api.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ferry.Api;

public static class FerryApiServices
{
    /// <summary>
    /// Registers what the handlers need, the same in both hosts: bearer authentication (Entra ID; the development key
    /// in Development only), problem details, the OpenAPI document, the migration configuration of the setting
    /// <c>FERRY_CONFIG</c> with its target databases, the entity catalog and the operator actions log. The host
    /// registers the <c>DurableTaskClient</c> (the self-hosted host) or passes it to each handler (Functions).
    /// </summary>
    /// <exception cref="Ferry.Core.Configuration.ConfigException">Outside Development, the Entra ID settings are missing; or the development key is too short.</exception>
    public static IServiceCollection AddFerryApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ApiAuthentication.Add(services, configuration, environment);
        services.AddProblemDetails();
        // Titled by the product, not by the process that generates it, so every host's document is the same.
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Ferry migration API";
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        services.TryAddSingleton<ConfiguredMigration>();
        services.TryAddSingleton<IEntityCatalog, MappedEntityCatalog>();
        services.TryAddSingleton<OperatorLog>();
        return services;
    }
}

using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Engine.Running;

namespace Ferry.Api;

/// <summary>
/// The entities of the configuration's mapping: the reviewed mapping file when <c>mapping:</c> names one, otherwise the
/// mapping derived from the first district's schema, as every run derives it. Read once per configuration.
/// </summary>
public sealed class MappedEntityCatalog : IEntityCatalog
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (MigrationConfig Config, IReadOnlyList<string> Entities)? _known;

    public async Task<IReadOnlyList<string>> EntitiesAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_known is { } known && ReferenceEquals(known.Config, config))
            {
                return known.Entities;
            }

            var mappings = config.Mapping is { } file
                ? MappingFile.Load(file)
                : MappingBuilder.Build(await MigrationContext.IntrospectAsync(config.Districts[0], cancellationToken), config, config.Districts[0].Source.Provider);
            var entities = mappings.Entities.Select(e => e.Name).ToList();
            _known = (config, entities);
            return entities;
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Engine.Running;

namespace Ferry.Engine.Rollback;

/// <summary>
/// What every rollback step needs, built from the configuration alone: the target databases (with the toolkit's
/// schema applied) and the mapping (the reviewed mapping file when configured, otherwise derived from the first
/// district's schema, as a run derives it). The legacy databases are not read otherwise, so a rollback works while
/// they are unreachable as long as a mapping file is configured.
/// </summary>
public sealed class RollbackScope : IAsyncDisposable
{
    private readonly bool _ownsTargets;

    private RollbackScope(MigrationConfig config, TargetDatabases targets, MappingSet mappings, bool ownsTargets)
    {
        Config = config;
        Targets = targets;
        Mappings = mappings;
        _ownsTargets = ownsTargets;
    }

    public MigrationConfig Config { get; }

    public TargetDatabases Targets { get; }

    public MappingSet Mappings { get; }

    /// <summary>Rows per step (deleted, restored, or bookkeeping removed per transaction): the configuration's batchSize.</summary>
    public int RowsPerStep => Config.BatchSize;

    public static async Task<RollbackScope> OpenAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        var mappings = config.Mapping is { } file
            ? MappingFile.Load(file)
            : MappingBuilder.Build(await MigrationContext.IntrospectAsync(config.Districts[0], cancellationToken), config, config.Districts[0].Source.Provider);
        var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        return new RollbackScope(config, targets, mappings, ownsTargets: true);
    }

    /// <summary>A scope over a resolved run context and its open targets (which stay the caller's to dispose).</summary>
    internal static RollbackScope For(MigrationContext context, TargetDatabases targets) => new(context.Config, targets, context.Mappings, ownsTargets: false);

    public async ValueTask DisposeAsync()
    {
        if (_ownsTargets)
        {
            await Targets.DisposeAsync();
        }
    }
}

using Ferry.Core.Configuration;
using Ferry.Orchestration;
using Ferry.Postgres;
using Ferry.Postgres.Control;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ferry.Api;

/// <summary>
/// The migration configuration the host runs (the setting <see cref="ConfigSource.Setting"/>), read on first use and
/// kept, and one connection pool per target database with the toolkit's schema applied once. A configuration that
/// cannot be read is not kept: the next request tries again, so fixing the file or the blob needs no restart.
/// </summary>
public sealed class ConfiguredMigration(IConfiguration settings) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MigrationConfig? _config;
    private IReadOnlyList<NpgsqlDataSource>? _targets;
    private bool _schemaReady;

    /// <exception cref="ConfigException">The setting is missing, or the configuration cannot be read or is invalid.</exception>
    public async Task<MigrationConfig> ConfigAsync(CancellationToken cancellationToken)
    {
        if (_config is { } config)
        {
            return config;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _config ??= await ConfigSource.LoadAsync(settings[ConfigSource.Setting], cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The target databases in the configuration's order; the first holds the operator actions.</summary>
    public async Task<IReadOnlyList<NpgsqlDataSource>> TargetsAsync(CancellationToken cancellationToken)
    {
        var config = await ConfigAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _targets ??= config.Targets.Select(t => PostgresDataSources.Create(t.Connection)).ToList();
            if (!_schemaReady)
            {
                foreach (var target in _targets)
                {
                    await ControlSchema.EnsureAsync(target, cancellationToken);
                }

                _schemaReady = true;
            }

            return _targets;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var target in _targets ?? [])
        {
            await target.DisposeAsync();
        }

        _gate.Dispose();
    }
}

using Ferry.Core.Configuration;

namespace Ferry.Orchestration.Execution;

/// <summary>
/// The migration configuration of a host, read once from <see cref="ConfigSource.Setting"/> (a file path or a blob
/// URL) when first needed; a failed read is tried again at the next call.
/// </summary>
public sealed class MigrationConfigProvider(string? location)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MigrationConfig? _config;

    public string? Location => location;

    /// <exception cref="ConfigException">The setting is missing, or the configuration cannot be read or is invalid.</exception>
    public async Task<MigrationConfig> GetAsync(CancellationToken cancellationToken)
    {
        if (_config is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _config ??= await ConfigSource.LoadAsync(location, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Postgres.Control;
using Npgsql;

namespace Ferry.Engine.Running;

/// <summary>
/// The open target databases of a configuration, by name, each with the toolkit's own schema applied.
/// Connection failures surface as <see cref="SourceUnavailableException"/> naming the target, never its password.
/// </summary>
public sealed class TargetDatabases : IAsyncDisposable
{
    /// <summary>The application name of the lease heartbeat's connections, so an administrator (or a test) can tell them apart.</summary>
    public const string HeartbeatApplicationName = "ferry-lease-heartbeat";

    private readonly Dictionary<string, NpgsqlDataSource> _sources;

    private readonly Dictionary<string, NpgsqlDataSource> _heartbeats;

    private readonly MigrationConfig _config;

    private TargetDatabases(Dictionary<string, NpgsqlDataSource> sources, Dictionary<string, NpgsqlDataSource> heartbeats, MigrationConfig config)
    {
        _sources = sources;
        _heartbeats = heartbeats;
        _config = config;
    }

    /// <summary>Applies the toolkit's own schema to every target database (idempotent).</summary>
    public async Task EnsureControlSchemaAsync(CancellationToken cancellationToken)
    {
        foreach (var target in _config.Targets)
        {
            try
            {
                await ControlSchema.EnsureAsync(_sources[target.Name], cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw Failure(target, e);
            }
        }
    }

    /// <summary>Opens one connection to each target database, so an unreachable one is named before anything else.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        foreach (var target in _config.Targets)
        {
            try
            {
                await using var connection = await _sources[target.Name].OpenConnectionAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw Failure(target, e);
            }
        }
    }

    /// <summary>
    /// The one-line failure to open a target; a database that does not exist yet says how to create it, since that is
    /// where a first migration usually stands.
    /// </summary>
    internal static SourceUnavailableException Failure(MigrationConfig config, TargetSettings target, Exception e) =>
        OpenFailure.Create(
            $"target {target.Name}",
            target.Connection,
            IsMissingDatabase(e) ? $"{Reason(e)}: create it, or let `dm scaffold --config {config.File} --apply --create-database` create it" : Reason(e),
            e);

    /// <summary>PostgreSQL's invalid_catalog_name: the database the connection names does not exist.</summary>
    internal static bool IsMissingDatabase(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName };

    private SourceUnavailableException Failure(TargetSettings target, Exception e) => Failure(_config, target, e);

    public NpgsqlDataSource this[string name] => _sources[name];

    public IEnumerable<string> Names => _sources.Keys;

    /// <summary>Every target database, in the configuration's order.</summary>
    public IReadOnlyList<NpgsqlDataSource> All => [.. _sources.Values];

    /// <summary>
    /// Every target database again, for the lease heartbeat only: a pool of its own, so renewing a lease never waits
    /// for a connection the batches hold (a lease that lapsed that way would stop a healthy run); a connection of it
    /// that dies (terminated, reset) is dropped and the next beat opens another.
    /// </summary>
    public IReadOnlyList<NpgsqlDataSource> Heartbeats => [.. _heartbeats.Values];

    /// <summary>
    /// Opens every target database. With <paramref name="ensureControlSchema"/> false the toolkit's schema is not
    /// created yet (call <see cref="EnsureControlSchemaAsync"/>), so a caller can refuse a target first and write nothing.
    /// </summary>
    public static async Task<TargetDatabases> OpenAsync(MigrationConfig config, CancellationToken cancellationToken, bool ensureControlSchema = true)
    {
        var sources = new Dictionary<string, NpgsqlDataSource>();
        var heartbeats = new Dictionary<string, NpgsqlDataSource>();
        try
        {
            foreach (var target in config.Targets)
            {
                try
                {
                    var builder = new NpgsqlConnectionStringBuilder(target.Connection) { MaxPoolSize = Math.Max(100, config.Parallelism * 4) };
                    sources[target.Name] = Ferry.Postgres.PostgresDataSources.Create(builder);
                    heartbeats[target.Name] = Ferry.Postgres.PostgresDataSources.Create(
                        new NpgsqlConnectionStringBuilder(target.Connection) { MaxPoolSize = 2, ApplicationName = HeartbeatApplicationName });
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException($"{config.File}: target {target.Name}: bad connection string: {e.Message}");
                }
            }

            var targets = new TargetDatabases(sources, heartbeats, config);
            if (ensureControlSchema)
            {
                await targets.EnsureControlSchemaAsync(cancellationToken);
            }
            else
            {
                await targets.ProbeAsync(cancellationToken);
            }

            return targets;
        }
        catch
        {
            foreach (var s in sources.Values.Concat(heartbeats.Values))
            {
                await s.DisposeAsync();
            }

            throw;
        }
    }

    internal static string Reason(Exception e) => e switch
    {
        PostgresException pg => pg.MessageText,
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sources.Values.Concat(_heartbeats.Values))
        {
            await s.DisposeAsync();
        }
    }
}

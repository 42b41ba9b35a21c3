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
    private readonly Dictionary<string, NpgsqlDataSource> _sources;

    private TargetDatabases(Dictionary<string, NpgsqlDataSource> sources) => _sources = sources;

    public NpgsqlDataSource this[string name] => _sources[name];

    public IEnumerable<string> Names => _sources.Keys;

    public static async Task<TargetDatabases> OpenAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, NpgsqlDataSource>();
        try
        {
            foreach (var target in config.Targets)
            {
                NpgsqlDataSource source;
                try
                {
                    var builder = new NpgsqlConnectionStringBuilder(target.Connection) { MaxPoolSize = Math.Max(100, config.Parallelism * 4) };
                    source = NpgsqlDataSource.Create(builder);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException($"{config.File}: target {target.Name}: bad connection string: {e.Message}");
                }

                sources[target.Name] = source;
                try
                {
                    await ControlSchema.EnsureAsync(source, cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    throw OpenFailure.Create($"target {target.Name}", target.Connection, Reason(e), e);
                }
            }

            return new TargetDatabases(sources);
        }
        catch
        {
            foreach (var s in sources.Values)
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
        foreach (var s in _sources.Values)
        {
            await s.DisposeAsync();
        }
    }
}

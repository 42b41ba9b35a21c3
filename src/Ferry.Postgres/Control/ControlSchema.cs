using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// Applies the toolkit's own schema (<c>ferry</c>) to a target database: ordered embedded scripts
/// <c>V001__*.sql</c>, each in its own transaction with its version row, serialised across processes by an
/// advisory lock so concurrent runs cannot apply a script twice.
/// </summary>
public static partial class ControlSchema
{
    private const long MigrationLock = 0x4665727279_01;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static async Task EnsureAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock($1)", conn))
        {
            lockCmd.Parameters.AddWithValue(MigrationLock);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var init = new NpgsqlCommand(
                "CREATE SCHEMA IF NOT EXISTS ferry; CREATE TABLE IF NOT EXISTS ferry.schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                conn))
            {
                await init.ExecuteNonQueryAsync(cancellationToken);
            }

            int current;
            await using (var ver = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ferry.schema_version", conn))
            {
                current = Convert.ToInt32(await ver.ExecuteScalarAsync(cancellationToken));
            }

            foreach (var (version, name, sql) in Scripts.Where(s => s.Version > current))
            {
                await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(sql, conn, tx))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO ferry.schema_version (version, name) VALUES ($1, $2)", conn, tx))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", conn);
            unlock.Parameters.AddWithValue(MigrationLock);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(ControlSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Select(n => (Name: n, Match: ScriptName().Match(n)))
            .Where(x => x.Match.Success)
            .Select(x => (int.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), x.Match.Groups[2].Value, Read(assembly, x.Name)))
            .OrderBy(x => x.Item1)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.V(\d+)__(\w+)\.sql$")]
    private static partial Regex ScriptName();
}

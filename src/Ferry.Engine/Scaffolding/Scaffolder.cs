using Ferry.Core.Planning;
using Ferry.Engine.Running;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.Engine.Scaffolding;

/// <summary>
/// Writes the target DDL (one script per target database) and the resolved mapping as reviewable files, and
/// with <c>apply</c> creates the schema, each target database's script in one transaction.
/// </summary>
public static class Scaffolder
{
    public sealed record Result(IReadOnlyList<string> Files, int Entities, IReadOnlyList<string> Applied);

    public static async Task<Result> ScaffoldAsync(MigrationContext context, string outputDirectory, bool apply, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var files = new List<string>();
        var scripts = new Dictionary<string, string>();
        foreach (var target in context.Config.Targets)
        {
            var entities = context.Order.Ordered.Where(e => e.Target == target.Name).ToList();
            var script = TargetDdl.Script(entities, context.Mappings);
            scripts[target.Name] = script;
            var path = Path.Combine(outputDirectory, $"target.{target.Name}.sql");
            await WriteAtomicallyAsync(path, script, cancellationToken);
            files.Add(path);
        }

        var mappingPath = Path.Combine(outputDirectory, "mapping.yaml");
        await WriteAtomicallyAsync(mappingPath, MappingFile.Render(context.Mappings), cancellationToken);
        files.Add(mappingPath);

        var applied = new List<string>();
        if (apply)
        {
            await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
            foreach (var (name, script) in scripts)
            {
                await using var conn = await targets[name].OpenConnectionAsync(cancellationToken);
                await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                await using (var cmd = new NpgsqlCommand(script, conn, tx) { CommandTimeout = 0 })
                {
                    await cmd.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
                applied.Add(name);
            }
        }

        return new Result(files, context.Mappings.Entities.Count, applied);
    }

    /// <summary>Writes through a temporary file and renames, so a failure never leaves half a file behind.</summary>
    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}

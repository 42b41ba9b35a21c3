using Ferry.Core.Planning;
using Ferry.Engine.Running;
using Ferry.Postgres.Target;

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
            foreach (var target in context.Config.Targets)
            {
                // CREATE TABLE IF NOT EXISTS keeps an existing table as it is: a column the mapping now types
                // differently would silently stay as it was, so drift is refused before anything is applied.
                var entities = context.Order.Ordered.Where(e => e.Target == target.Name).ToList();
                var existing = await TargetCatalog.ColumnTypesAsync(targets[target.Name], entities.Select(e => e.TargetSchema).Distinct().ToList(), cancellationToken);
                if (TypeDrift.Find(entities, existing) is [var drift, ..] all)
                {
                    throw new Core.Configuration.ConfigException(
                        $"target {target.Name}: {drift}{(all.Count > 1 ? $" (and {all.Count - 1} more)" : "")}: scaffold --apply does not change existing columns; " +
                        "alter the column (or reload the entity into a new table) and apply again");
                }
            }

            foreach (var (name, script) in scripts)
            {
                await TargetDdl.ApplyAsync(targets[name], script, cancellationToken);
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

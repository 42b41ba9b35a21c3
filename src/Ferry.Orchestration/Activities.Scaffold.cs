using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.Orchestration.Steps;
using Ferry.Reports;
using Ferry.Reports.Sinks;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary>
    /// <see cref="OrchestrationNames.Scaffold"/>: the engine's <see cref="Scaffolder"/> with apply, as
    /// <c>dm scaffold --apply</c> runs it: introspects one district, writes the target DDL and the resolved mapping, and
    /// creates the schema (each target database's script in one transaction; idempotent, so a second delivery changes
    /// nothing). The files are written to a directory of the worker's own and copied to the reports storage under
    /// <c>runs/{instance}/scaffold/</c>, where an operator reviews them. Legacy names colliding in snake_case apply
    /// nothing and are returned as the failure; an existing column typed differently from the mapping throws, nothing applied.
    /// </summary>
    public async Task<ScaffoldOutput> ScaffoldAsync(ScaffoldInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.Scaffold, input.Instance, input.Attempt, district: input.District), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            var district = input.District is { } named ? cfg.District(named).Id : cfg.Districts[0].Id;
            var context = await MigrationContext.ResolveAsync(cfg, [district], input.Entities ?? [], cancellationToken, allowCollisions: true);
            var collisions = context.Mappings.Collisions();
            var directory = Path.Combine(Path.GetTempPath(), "ferry-scaffold-" + Guid.NewGuid().ToString("N"));
            try
            {
                var result = await Scaffolder.ScaffoldAsync(context, directory, apply: collisions.Count == 0, cancellationToken);
                var warnings = context.Warnings.ToList();
                IReadOnlyList<string> files = [];
                try
                {
                    files = await CopyToReportsAsync(cfg, input.Instance, result.Files, cancellationToken);
                }
                catch (ReportStorageException e)
                {
                    // The schema is applied; the files are its by-product and can be written again by scaffolding again.
                    warnings.Add($"the DDL and mapping were not copied to the reports storage: {e.Message}");
                }

                var failure = collisions.Count == 0 ? null
                    : $"legacy names collide in snake_case: {collisions[0]}{(collisions.Count > 1 ? $" (and {collisions.Count - 1} more)" : "")}; " +
                      "mapping.yaml marks each collision: rename one there, set mapping: to that file and scaffold again (nothing was applied)";
                return new ScaffoldOutput(district, result.Entities, context.Order.BrokenEdges.Count, result.Applied, files, Capped(warnings), failure);
            }
            finally
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }, r => r.Entities, cancellationToken);
    }

    /// <summary>The scaffold's files in the reports storage, or none when <c>reports:</c> is not configured.</summary>
    private static async Task<IReadOnlyList<string>> CopyToReportsAsync(MigrationConfig cfg, string instance, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (ReportSinks.Create(cfg.Reports, cfg.File) is not { } sink)
        {
            return [];
        }

        await sink.PrepareAsync(cancellationToken);
        var prefix = (Guid.TryParse(instance, out var id) ? ReportLayout.Prefix(id) : $"runs/{instance}/") + "scaffold/";
        var copied = new List<string>();
        foreach (var file in files)
        {
            var path = prefix + Path.GetFileName(file);
            var type = file.EndsWith(".sql", StringComparison.Ordinal) ? "application/sql" : "application/yaml";
            await sink.WriteAsync(path, type, async (stream, ct) =>
            {
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(stream, ct);
            }, cancellationToken);
            copied.Add(path);
        }

        return copied;
    }
}

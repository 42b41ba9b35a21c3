using System.CommandLine;
using System.Text.Json;
using Ferry.Core.Abstractions;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Status;

namespace Ferry.Cli.Commands;

/// <summary><c>dm status</c>: where every district and entity stands, from the target's own tables.</summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("status", "Per district and entity: planned, loaded, quarantined, remaining, state; the runs and the verifications") { config, district, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            foreach (var id in CommonOptions.Values(parse, district))
            {
                _ = cfg.District(id);
            }

            IReadOnlyCollection<string>? expected = null;
            IReadOnlyList<Ferry.Engine.Deltas.DistrictDeltaStatus> deltas = [];
            try
            {
                var context = await MigrationContext.ResolveAsync(cfg, [cfg.Districts[0].Id], [], cancellationToken);
                expected = context.Entities.Select(e => e.Name).ToList();
                deltas = await DeltasAsync(cfg, CommonOptions.Values(parse, district), cancellationToken);
            }
            catch (SourceUnavailableException e)
            {
                Console.Error.WriteLine($"note: {e.Message}; entities not started yet are not listed");
            }

            var report = await StatusReader.ReadAsync(cfg, expected, CommonOptions.Values(parse, district), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(StatusDocument.Of(report, deltas), Json));
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{"district",-10} {"entity",-44} {"state",-12} {"planned",12} {"loaded",12} {"quarantined",12} {"remaining",12}");
            foreach (var e in report.Entities)
            {
                Console.WriteLine($"{e.District,-10} {e.Entity,-44} {e.State,-12} {e.Planned,12:N0} {e.Loaded,12:N0} {e.Quarantined,12:N0} {e.Remaining,12:N0}");
            }

            foreach (var e in report.Entities.Where(e => e.ValuesChanged > 0))
            {
                Console.WriteLine($"{e.District} {e.Entity}: {e.ValuesChanged:N0} value(s) stored by the documented rule: {ValueChange.Summary(e.ValueChanges)}");
            }

            foreach (var r in report.Runs)
            {
                Console.WriteLine($"{r.Kind} {r.RunId}{(r.RollbackOf is { } of ? $" of run {of}" : "")} {r.State} started {r.StartedAt:u}{(r.FinishedAt is { } f ? $" finished {f:u}" : "")}" +
                    $"{(r.RolledBack.Length > 0 && r.State != "rolled_back" ? $", rolled back for {string.Join(", ", r.RolledBack)}" : "")}{(r.Message is null ? "" : $": {r.Message}")}");
            }

            foreach (var v in report.Verifications)
            {
                Console.WriteLine($"verify {v.VerifyId} {v.Status} started {v.StartedAt:u} finished {v.FinishedAt:u}: {(v.Parity ? $"{v.EntityResults} entity results with parity" : $"{v.Differing} of {v.EntityResults} entity results differ")}");
            }

            foreach (var line in deltas.SelectMany(Ferry.Engine.Deltas.DeltaStatus.Lines))
            {
                Console.WriteLine(line);
            }

            if (report.DeferredForeignKeys > 0)
            {
                Console.WriteLine($"{report.DeferredForeignKeys} foreign key(s) deferred: re-created and validated by the last run to finish once their parent entities are loaded for every tenant");
            }

            if (report.DeferredIndexes > 0)
            {
                Console.WriteLine($"{report.DeferredIndexes} index(es) deferred: built by the last run to finish");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Each district's delta state; none when a legacy database cannot be read (the note above says so) or no longer fits the mapping.</summary>
    private static async Task<IReadOnlyList<Ferry.Engine.Deltas.DistrictDeltaStatus>> DeltasAsync(Ferry.Core.Configuration.MigrationConfig cfg, IReadOnlyList<string> districts, CancellationToken cancellationToken)
    {
        try
        {
            var context = await MigrationContext.ResolveAsync(cfg, districts, [], cancellationToken);
            return await Ferry.Engine.Deltas.DeltaStatus.ReadAsync(context, cancellationToken);
        }
        catch (Exception e) when (e is Ferry.Core.Configuration.ConfigException or SourceUnavailableException)
        {
            Console.Error.WriteLine($"note: delta state not shown: {e.Message}");
            return [];
        }
    }
}

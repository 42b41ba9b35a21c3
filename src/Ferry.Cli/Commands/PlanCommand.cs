using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ferry.Engine.Preview;
using Ferry.Engine.Running;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm plan</c>: what a run of the same scope would do (districts, entities in load order and their levels, rows
/// estimated from the catalogs, batches), without reading a row or writing anything.
/// </summary>
internal static class PlanCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var entity = CommonOptions.Entity();
        var json = new Option<bool>("--json") { Description = "Print JSON (docs/schemas/plan.schema.json) instead of tables" };
        var command = new Command("plan", "What a run would do: districts, entities in load order, rows estimated from the catalogs, batches; reads no row and writes nothing")
        {
            config, district, entity, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var context = await MigrationContext.ResolveAsync(cfg, CommonOptions.Values(parse, district), CommonOptions.Values(parse, entity), cancellationToken);
            var preview = await RunPreviewer.PreviewAsync(context, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(PlanDocument.Of(preview), Json));
                return ExitCodes.Ok;
            }

            foreach (var warning in context.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            Print(preview);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(RunPreview preview)
    {
        var inv = CultureInfo.InvariantCulture;
        var byEntity = preview.Districts.SelectMany(d => d.Loads).GroupBy(l => l.Entity).ToDictionary(g => g.Key, g => g.ToList());

        // Narrow enough for 80 columns with names of forty characters; the level says what waits for what, and the
        // JSON has every detail (target tables, each entity's prerequisites, per-district rows).
        var entities = new Table().Border(TableBorder.Simple);
        entities.AddColumns("level", "entity (load order)", "rows (est.)", "batches");
        entities.Columns[1].NoWrap();
        entities.Columns[2].RightAligned();
        entities.Columns[3].RightAligned();
        foreach (var e in preview.Entities)
        {
            var loads = byEntity.GetValueOrDefault(e.Entity) ?? [];
            entities.AddRow(
                e.Level.ToString(inv),
                Markup.Escape(e.Entity),
                loads.Where(l => l.Action != LoadAction.Skip).Sum(l => l.EstimatedRows).ToString("N0", inv),
                loads.Sum(l => l.Batches).ToString("N0", inv));
        }

        var districts = new Table().Border(TableBorder.Simple);
        districts.AddColumns("district", "source", "to load", "done", "rows (est.)", "batches");
        districts.Columns[1].NoWrap();
        foreach (var column in districts.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var d in preview.Districts)
        {
            districts.AddRow(
                Markup.Escape(d.District),
                Markup.Escape(d.Source),
                d.Loads.Count(l => l.Action != LoadAction.Skip).ToString(inv),
                d.Loads.Count(l => l.Action == LoadAction.Skip).ToString(inv),
                d.EstimatedRows.ToString("N0", inv),
                d.Batches.ToString("N0", inv));
        }

        AnsiConsole.Write(entities);
        AnsiConsole.Write(districts);
        foreach (var r in preview.DeferredReferences)
        {
            Console.WriteLine($"outside the order: {r.Entity}({string.Join(", ", r.Columns)}) -> {r.Parent}: loads in the same pass, checked when the load ends");
        }

        foreach (var note in preview.Notes)
        {
            Console.WriteLine($"note: {note}");
        }

        Console.WriteLine(string.Create(
            inv,
            $"plan: {preview.Districts.Count} district(s) x {preview.Entities.Count} entities in {preview.Levels} level(s); about {preview.EstimatedRows:N0} rows in {preview.Batches:N0} batch(es) of up to {preview.BatchSize:N0} rows, {preview.Parallelism} at a time; estimates from the source catalogs, nothing was read or written"));
    }
}

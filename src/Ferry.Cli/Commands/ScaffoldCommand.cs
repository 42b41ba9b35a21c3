using System.CommandLine;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;

namespace Ferry.Cli.Commands;

/// <summary><c>dm scaffold</c>: target DDL and the reviewable mapping, optionally applied.</summary>
internal static class ScaffoldCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var apply = new Option<bool>("--apply") { Description = "Create the target schema (idempotent) after writing the files" };
        var createDatabase = new Option<bool>("--create-database") { Description = "With --apply: first create each target database that does not exist yet (the role needs CREATEDB)" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for target.<name>.sql and mapping.yaml (default: scaffold/ beside the configuration)" };
        var command = new Command("scaffold", "Introspect the first district's source and write the target DDL and the resolved mapping; --apply creates the schema")
        {
            config, apply, createDatabase, output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(createDatabase) && !result.GetValue(apply))
            {
                result.AddError("--create-database: only with --apply");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var directory = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cfg.File)) ?? ".", "scaffold");
            var context = await MigrationContext.ResolveAsync(cfg, [cfg.Districts[0].Id], [], cancellationToken, allowCollisions: true);
            foreach (var warning in context.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            var collisions = context.Mappings.Collisions();
            if (parse.GetValue(createDatabase) && collisions.Count == 0)
            {
                foreach (var line in await TargetDatabaseCreation.CreateMissingAsync(cfg, cancellationToken))
                {
                    Console.WriteLine(line);
                }
            }

            var result = await Scaffolder.ScaffoldAsync(context, directory, parse.GetValue(apply) && collisions.Count == 0, cancellationToken);
            Console.WriteLine($"{result.Entities} entities mapped; load order has {context.Order.BrokenEdges.Count} reference(s) outside the order (self-references and cycles), checked when the load ends");
            foreach (var file in result.Files)
            {
                Console.WriteLine($"wrote {file}");
            }

            foreach (var target in result.Applied)
            {
                Console.WriteLine($"applied to target {target}");
            }

            if (collisions.Count > 0)
            {
                var mapping = result.Files.Last();
                return CliApp.Fail(
                    $"legacy names collide in snake_case: {collisions[0]}{(collisions.Count > 1 ? $" (and {collisions.Count - 1} more)" : "")}; " +
                    $"{mapping} marks each collision: rename one there, set mapping: to that file and scaffold again{(parse.GetValue(apply) ? " (nothing was applied)" : "")}",
                    ExitCodes.Usage);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

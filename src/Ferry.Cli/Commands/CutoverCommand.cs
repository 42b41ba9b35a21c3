using System.CommandLine;
using Ferry.Engine.Deltas;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm cutover</c>: final delta, verification, and the district marked cut over. Exit 0 cut over, 1 the verification
/// differs (not cut over), 2 refused or usage error, 3 the final delta failed or a change arrived during the verification,
/// 5 cut over but the final delta's reports (which name the cut-over) could not be written.
/// </summary>
internal static class CutoverCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = new Option<string>("--district", "-d") { Description = "The district to cut over (legacy writes frozen first)", Required = true };
        var command = new Command("cutover", "Final delta, verify, and mark the district cut over (later deltas refused); fails when a change arrives during the verification. Exit 0 cut over, 1 differs, 2 refused, 3 failed, 5 cut over but reports not written")
        {
            config, district,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var id = parse.GetRequiredValue(district);
            _ = cfg.District(id);
            var context = await MigrationContext.ResolveAsync(cfg, [id], [], cancellationToken);
            var outcome = await CutOverRunner.RunAsync(context, id, DeltaCommand.Line, cancellationToken);
            if (outcome.Refusal is { } refusal)
            {
                return CliApp.Fail(refusal, ExitCodes.Failed);
            }

            if (!outcome.Parity)
            {
                return CliApp.Fail($"district {id}: the verification after the final delta differs (see dm verify); not cut over", ExitCodes.Differs);
            }

            var record = outcome.Record!;
            DeltaCommand.Line($"district {id} cut over at {record.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z with change position {record.Position} (run {record.RunId}); later deltas are refused");

            // The final delta's report, written once the cut-over is recorded, says when and at which position.
            return await ReportsCommand.PublishAfterAsync(cfg, record.RunId, "cut-over", CancellationToken.None) ? ExitCodes.Ok : ExitCodes.ReportsFailed;
        });
        return command;
    }
}

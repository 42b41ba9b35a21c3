using System.CommandLine;
using System.Globalization;
using Ferry.Cli.Output;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Verification;
using Ferry.Reports.Writers;
using Npgsql;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm verify</c>: re-reads source and target independently and proves parity per district and entity, or says
/// where it fails. Exit 0 parity, 1 differs, 2 usage, 3 a database failed mid-way, 5 parity but reports not written.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var entity = CommonOptions.Entity();
        var json = new Option<string?>("--json") { Description = "Also write the result (the report.json document, with samples) to this file; - writes it to standard output (the summary then goes to standard error)" };
        var samples = new Option<int>("--samples") { Description = "Sample differences listed per entity (counts are always exact)", DefaultValueFactory = _ => 20 };
        var parallelism = CommonOptions.Parallelism("Reading units in flight at once (overrides parallelism: in the configuration)");
        var logFormat = CommonOptions.LogFormat();
        var command = new Command("verify", "Prove that every legacy row arrived intact or is accounted for: counts, content checksums, row-level differences. Exit 0 parity, 1 differs, 2 usage/configuration error, 3 a database failed mid-way, 5 parity but reports not written")
        {
            config, district, entity, json, samples, parallelism, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var sampleCount = parse.GetValue(samples);
            if (sampleCount < 0)
            {
                return CliApp.Fail("--samples: must be 0 or more", ExitCodes.Usage);
            }

            var context = await MigrationContext.ResolveAsync(cfg, CommonOptions.Values(parse, district), CommonOptions.Values(parse, entity), cancellationToken);
            var jsonPath = parse.GetValue(json);
            var documentOnStdout = jsonPath == "-";
            var format = LogFormats.Choose(parse.GetValue(logFormat), Console.IsOutputRedirected || documentOnStdout);
            VerificationResult result;
            var verifyOptions = new VerifyOptions { Samples = sampleCount, Parallelism = parse.GetValue(parallelism) };
            try
            {
                if (format == LogFormat.Live)
                {
                    var terminal = new TerminalVerifyProgress();
                    result = await terminal.ShowAsync(() => new Verifier(terminal).VerifyAsync(context, verifyOptions, cancellationToken));
                }
                else
                {
                    using var loggers = ConsoleLogging.Create(format, toStandardError: documentOnStdout);
                    result = await new Verifier(new LoggedVerifyProgress(loggers.CreateLogger("Ferry.Verify"))).VerifyAsync(context, verifyOptions, cancellationToken);
                }
            }
            catch (NpgsqlException e) when (e is not PostgresException { SqlState: "3D000" or "28P01" })
            {
                return CliApp.Fail($"verification failed: {(e is PostgresException pg ? pg.MessageText : e.Message)}; nothing was recorded, run it again", ExitCodes.Failed);
            }

            // With a JSON document or JSON log lines on standard output, everything meant for a person goes to standard error.
            var human = documentOnStdout || format == LogFormat.Json ? Console.Error : Console.Out;
            Print(result, human);
            if (jsonPath is not null)
            {
                await using var source = await AuditSource.OpenAsync(cfg, result.VerifyId, cancellationToken);
                if (jsonPath == "-")
                {
                    await using var stdout = Console.OpenStandardOutput();
                    await JsonReport.WriteAsync(source!.Report, stdout, cancellationToken);
                    await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
                }
                else
                {
                    await using var file = File.Create(jsonPath);
                    await JsonReport.WriteAsync(source!.Report, file, cancellationToken);
                    human.WriteLine($"json: {Path.GetFullPath(jsonPath)}");
                }
            }

            var reported = await ReportsCommand.PublishAfterAsync(cfg, result.VerifyId, "verification", cancellationToken, human);
            return !result.HasParity ? ExitCodes.Differs : reported ? ExitCodes.Ok : ExitCodes.ReportsFailed;
        });
        return command;
    }

    public static void Print(VerificationResult result, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"verify {result.VerifyId}: {result.Entities.Count} entity results, {result.SourceRows:N0} source rows in {result.Elapsed.TotalSeconds:N1} s ({result.RowsPerSecond:N0} rows/s)"));
        output.WriteLine($"{"district",-10} {"entity",-44} {"source",11} {"target",11} {"quarantined",11} {"missing",9} {"extra",9} {"changed",9}  status");
        foreach (var e in result.Entities)
        {
            output.WriteLine(string.Create(inv, $"{e.District,-10} {e.Entity,-44} {e.SourceRows,11:N0} {e.TargetRows,11:N0} {e.Quarantined,11:N0} {e.Missing,9:N0} {e.Extra,9:N0} {e.Changed,9:N0}  {e.Status}{(e.Note is null ? "" : $" ({e.Note})")}"));
        }

        // Not differences (verify compares after the rule), but values the target holds differently from the legacy database.
        foreach (var e in result.Entities.Where(e => e.ValuesChanged > 0))
        {
            output.WriteLine(string.Create(inv, $"{e.District} {e.Entity}: {e.ValuesChanged:N0} value(s) stored by the documented rule: {ValueChange.Summary(e.ValueChanges)}"));
        }

        foreach (var e in result.Entities.Where(e => !e.HasParity))
        {
            output.WriteLine($"{e.District} {e.Entity}: checksum source {e.SourceChecksum} target {e.TargetChecksum}");
            foreach (var s in e.Samples)
            {
                output.WriteLine($"  {s}");
            }
        }

        var differing = result.Entities.Count(e => !e.HasParity);
        output.WriteLine(differing == 0
            ? "parity: every entity has parity (source = target + quarantined, checksums equal)"
            : $"parity: {differing} of {result.Entities.Count} entity results differ");
    }
}

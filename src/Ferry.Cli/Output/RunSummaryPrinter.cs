using Ferry.Engine.Running;

namespace Ferry.Cli.Output;

/// <summary>The end-of-run summary: totals, rows/s, quarantine reasons, and what to do next.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunOutcome outcome, bool dryRun, TextWriter output)
    {
        var seconds = Math.Max(outcome.Elapsed.TotalSeconds, 0.001);
        var verb = dryRun ? "would load" : "loaded";
        output.WriteLine($"run {outcome.RunId}: {Describe(outcome.Exit, dryRun)} in {outcome.Elapsed.TotalSeconds:N1} s");
        // Two lines, each within 80 columns for the counts of a large run.
        output.WriteLine($"  read {outcome.RowsRead:N0} rows ({outcome.RowsRead / seconds:N0} rows/s), {verb} {outcome.RowsLoaded:N0}");
        output.WriteLine($"  quarantined {outcome.RowsRejected:N0}, loaded after a recorded fix {outcome.RowsFixed:N0}");
        foreach (var (reason, count) in outcome.Reasons.OrderByDescending(r => r.Value))
        {
            var parts = reason.Split(':', 2);
            output.WriteLine($"  {(parts[0] == "rejected" ? (dryRun ? "would quarantine" : "quarantined") : parts[0])}: {parts[1]} x {count:N0}");
        }

        if (dryRun)
        {
            foreach (var e in outcome.Entities.Where(e => e.RowsRejected > 0 || e.RowsFixed > 0))
            {
                output.WriteLine($"  {e.District} {e.Entity}: {e.RowsLoaded:N0} would load, {e.RowsRejected:N0} would be quarantined, {e.RowsFixed:N0} fixed");
            }
        }

        if (outcome.Exit is RunExit.Failed or RunExit.Stopped)
        {
            output.WriteLine("  committed batches are kept; run the same command again to resume");
        }
    }

    private static string Describe(RunExit exit, bool dryRun) => exit switch
    {
        RunExit.Completed => dryRun ? "dry run complete, nothing written" : "completed",
        RunExit.Stopped => "stopped at a batch boundary",
        _ => "failed",
    };
}

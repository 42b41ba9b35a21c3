using System.Text.Json;
using System.Text.RegularExpressions;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Cli;

/// <summary>What <c>dm run</c> and <c>dm verify</c> print as they go when output is not a terminal: plain lines, or JSON lines with <c>--log-format json</c>.</summary>
public sealed partial class ProgressOutputTests
{
    [Fact]
    public async Task Redirected_run_prints_phases_and_progress_against_totals_known_before_the_first_batch()
    {
        await using var f = await MigrationFixture.CreateAsync("progplain", districts: 2, students: 400, batchSize: 50);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        var run = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var log = lines.TakeWhile(l => !l.StartsWith("run ", StringComparison.Ordinal)).ToList();
        Assert.All(log, l => Assert.Matches(@"^\d\d:\d\d:\d\d ", l));
        var phases = log.Where(l => l.Contains(" phase: ", StringComparison.Ordinal)).Select(l => l[9..]).ToList();
        Assert.Contains("phase: planning 2/2", phases);
        Assert.True(phases.IndexOf("phase: planning 2/2") < phases.IndexOf("phase: loading"), string.Join('\n', phases));
        Assert.Contains(phases, p => p.StartsWith("phase: validating foreign keys", StringComparison.Ordinal));

        // Every batch line measures against the same run total: the plan was complete before loading began.
        var batches = log.Select(l => BatchLine().Match(l)).Where(m => m.Success).ToList();
        Assert.NotEmpty(batches);
        Assert.Single(batches.Select(m => m.Groups["planned"].Value).Distinct());
        Assert.Equal("100", batches[^1].Groups["percent"].Value);
        Assert.True(log.FindIndex(l => l.EndsWith("phase: loading", StringComparison.Ordinal)) < log.FindIndex(l => BatchLine().IsMatch(l)));
    }

    [Fact]
    public async Task Run_with_log_format_json_writes_one_object_per_line_with_the_run_district_and_entity_as_scopes()
    {
        await using var f = await MigrationFixture.CreateAsync("progjson", districts: 1, students: 300, batchSize: 100);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        var run = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath, "--log-format", "json");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var events = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal("Information", e.GetProperty("LogLevel").GetString()));
        var runId = Regex.Match(events[0].GetProperty("Message").GetString()!, "^run ([0-9a-f-]{36}) started$").Groups[1].Value;
        Assert.NotEmpty(runId);

        var batch = events.First(e => e.GetProperty("Message").GetString()!.Contains(" batch 1/", StringComparison.Ordinal));
        var scope = batch.GetProperty("Scopes")[0];
        Assert.Equal(runId, scope.GetProperty("RunId").GetString());
        Assert.Equal("d001", scope.GetProperty("District").GetString());
        Assert.StartsWith("dbo.", scope.GetProperty("Entity").GetString());
        Assert.True(long.Parse(batch.GetProperty("State").GetProperty("Rows").ToString()) > 0);

        // The summary meant for a person goes to standard error, so standard output stays JSON.
        Assert.Contains($"run {runId}: completed", run.Stderr);
    }

    [Fact]
    public async Task Verify_with_log_format_plain_prints_a_line_per_entity_result_with_the_count_done()
    {
        await using var f = await MigrationFixture.CreateAsync("progverify", districts: 1, students: 200, batchSize: 100);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath)).ExitCode);

        var verify = await DmProcess.RunAsync(f.Directory, "verify", "--config", f.ConfigPath, "--log-format", "plain");

        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var total = DistrictSchema.Counts(200).Count;
        Assert.Matches($@"verify [0-9a-f-]{{36}}: {total} entity result\(s\) to verify", verify.Stdout);
        Assert.Contains($" {total}/{total} entity results, ", verify.Stdout);
        Assert.Contains("parity: every entity has parity", verify.Stdout);
    }

    [Fact]
    public async Task Log_format_outside_plain_and_json_is_refused_before_anything_runs()
    {
        var result = await DmProcess.RunAsync(Path.GetTempPath(), "run", "--config", "missing.yaml", "--log-format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xml", result.Stderr);
    }

    [GeneratedRegex(@" batch \d+/\d+: [\d,]+ rows, [\d,]+ quarantined in [\d.]+ s; run (?<done>[\d,]+)/(?<planned>[\d,]+) \((?<percent>\d+)%\), [\d,]+ rows/s, ETA \S+$")]
    private static partial Regex BatchLine();
}

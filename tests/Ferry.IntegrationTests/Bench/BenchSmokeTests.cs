using System.Text.Json;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Support;

namespace Ferry.IntegrationTests.Bench;

/// <summary>
/// The benchmark at a tiny size, as a smoke test: it runs end to end and prints and writes every figure. Timings
/// are not asserted (they mean nothing at this size or on a shared machine); BENCHMARKS.md holds real figures.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Bench_runs_and_writes_every_figure()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ferry-bench-{Guid.NewGuid():N}.json");
        try
        {
            var result = await DmProcess.RunAsync(
                Path.GetTempPath(),
                "bench", "--students", "2000", "--repeat", "1", "--plan-districts", "2", "--json", json, "--server", TestDatabase.ServerFromEnvironment());
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains("load_vs_copy student:", result.Stdout);
            Assert.Contains("verify_vs_load:", result.Stdout);

            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = figures.RootElement;
            Assert.True(root.GetProperty("load_vs_copy").GetProperty("student").GetDouble() > 0);
            Assert.True(root.GetProperty("load_vs_copy").GetProperty("student_assessment_result").GetDouble() > 0);
            Assert.True(root.GetProperty("load_vs_copy_by_step").GetProperty("student").GetProperty("copy_index_after").GetDouble() > 0);
            Assert.True(root.GetProperty("verify_vs_load").GetDouble() > 0);
            Assert.Contains("rollback rows/s", result.Stdout);
            Assert.True(root.GetProperty("rows_per_s").GetProperty("total").GetProperty("rollback").GetProperty("median").GetDouble() > 0);
            Assert.True(root.GetProperty("peak_rss_mb").GetDouble() > 0);
            foreach (var step in new[] { "load", "copy", "copy_index_after" })
            {
                Assert.True(root.GetProperty("rows_per_s").GetProperty("student").GetProperty(step).GetProperty("median").GetDouble() > 0);
            }

            Assert.Equal(2 * 383, root.GetProperty("planning").GetProperty("loads").GetInt32());
        }
        finally
        {
            File.Delete(json);
        }
    }
}

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

    [Fact]
    public async Task Many_entity_shape_measures_the_load_against_its_ceiling_and_writes_the_ratio()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ferry-bench-{Guid.NewGuid():N}.json");
        try
        {
            var result = await DmProcess.RunAsync(
                Path.GetTempPath(),
                "bench", "--shape", "many", "--many-districts", "1", "--many-students", "10", "--repeat", "1", "--plan-districts", "1", "--json", json,
                "--server", TestDatabase.ServerFromEnvironment());
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains("many entities (1 districts x 383 entities", result.Stdout);
            Assert.DoesNotContain("load_vs_copy", result.Stdout);

            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var many = figures.RootElement.GetProperty("many_entities");
            Assert.Equal(383, many.GetProperty("entities").GetInt32());
            Assert.True(many.GetProperty("rows").GetInt64() > 0);
            Assert.True(many.GetProperty("load_seconds").GetProperty("median").GetDouble() > 0);
            Assert.True(many.GetProperty("ceiling_seconds").GetProperty("median").GetDouble() > 0);
            Assert.True(many.GetProperty("load_vs_ceiling").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, figures.RootElement.GetProperty("load_vs_copy").ValueKind);
        }
        finally
        {
            File.Delete(json);
        }
    }
}

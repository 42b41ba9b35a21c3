using System.Text.Json;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Reports;

namespace Ferry.IntegrationTests.Cli;

/// <summary>
/// <c>dm plan</c> says what a run would do (entities in load order with their levels, per district the rows the
/// catalogs estimate and the batches they make, what earlier runs finished) without reading a row or writing anything;
/// <c>--json</c> matches docs/schemas/plan.schema.json.
/// </summary>
public sealed class PlanCommandTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("plancmd", districts: 2, students: 250, batchSize: 100);
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task<JsonDocument> PlanJsonAsync(params string[] options)
    {
        var result = await DmProcess.RunAsync(_f.Directory, ["plan", "--config", _f.ConfigPath, "--json", .. options]);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        DocumentSchemas.AssertValid("plan", result.Stdout);
        return JsonDocument.Parse(result.Stdout);
    }

    private static JsonElement Load(JsonDocument plan, string district, string entity) =>
        plan.RootElement.GetProperty("districts").EnumerateArray().Single(d => d.GetProperty("district").GetString() == district)
            .GetProperty("loads").EnumerateArray().Single(l => l.GetProperty("entity").GetString() == entity);

    [Fact]
    public async Task Plan_json_lists_entities_parents_first_with_levels_and_matches_its_schema()
    {
        using var plan = await PlanJsonAsync();

        var entities = plan.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(7, entities.Count);
        var position = entities.Select((e, i) => (Name: e.GetProperty("entity").GetString()!, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var e in entities)
        {
            var prerequisites = e.GetProperty("prerequisites").EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.All(prerequisites, p => Assert.True(position[p] < position[e.GetProperty("entity").GetString()!], $"{p} after {e}"));
            var expected = prerequisites.Count == 0 ? 0 : prerequisites.Max(p => entities[position[p]].GetProperty("level").GetInt32()) + 1;
            Assert.Equal(expected, e.GetProperty("level").GetInt32());
        }

        Assert.Equal(["dbo.School"], entities[position["dbo.Staff"]].GetProperty("prerequisites").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(
            plan.RootElement.GetProperty("deferredReferences").EnumerateArray(),
            r => r.GetProperty("entity").GetString() == "dbo.Staff" && r.GetProperty("parent").GetString() == "dbo.Staff");
        Assert.Equal(2, plan.RootElement.GetProperty("totals").GetProperty("districts").GetInt32());
    }

    [Fact]
    public async Task Rows_are_the_catalog_estimates_and_batches_follow_the_batch_size()
    {
        using var plan = await PlanJsonAsync();

        var students = Load(plan, "d001", "dbo.Student");
        Assert.Equal("load", students.GetProperty("action").GetString());
        Assert.Equal(_f.StudentsOf(1), students.GetProperty("estimatedRows").GetInt64());
        Assert.Equal((_f.StudentsOf(1) + 99) / 100, students.GetProperty("batches").GetInt32());

        // A configured key with a nullable column gets one more batch, for the rows that cannot be keyed.
        var events = Load(plan, "d002", "dbo.AttendanceEvent");
        Assert.Equal((events.GetProperty("estimatedRows").GetInt64() + 99) / 100 + 1, events.GetProperty("batches").GetInt32());
    }

    [Fact]
    public async Task Loads_an_earlier_run_finished_are_skipped_and_nothing_is_written()
    {
        await MigrationFixture.RunAsync(_f.Config(), entities: ["dbo.School"]);
        var runs = await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.run");
        var loads = await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.load");

        using var plan = await PlanJsonAsync();

        var school = Load(plan, "d002", "dbo.School");
        Assert.Equal("skip", school.GetProperty("action").GetString());
        Assert.Equal(0, school.GetProperty("batches").GetInt32());
        Assert.Equal("load", Load(plan, "d002", "dbo.Staff").GetProperty("action").GetString());
        Assert.Equal(2 * 6, plan.RootElement.GetProperty("totals").GetProperty("loads").GetInt32());
        Assert.Equal(runs, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.run"));
        Assert.Equal(loads, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.load"));
    }

    [Fact]
    public async Task District_and_entity_options_narrow_the_plan()
    {
        using var plan = await PlanJsonAsync("--district", "d002", "--entity", "dbo.Student*");

        Assert.Equal(["d002"], plan.RootElement.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("district").GetString()));
        Assert.Equal(
            ["dbo.Student", "dbo.StudentSchoolAssociation"],
            plan.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity").GetString()).Order());
    }

    [Fact]
    public async Task The_terminal_plan_is_a_table_in_load_order_with_a_closing_summary()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "plan", "--config", _f.ConfigPath);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = result.Stdout.Split('\n');
        Assert.True(Array.FindIndex(lines, l => l.Contains(" dbo.School ", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.Contains(" dbo.Staff ", StringComparison.Ordinal)));
        Assert.Matches(@"^plan: 2 district\(s\) x 7 entities in \d level\(s\); about [\d,]+ rows in [\d,]+ batch\(es\) of up to 100 rows, 3 at a time; estimates from the source catalogs, nothing was read or written$", lines.Last(l => l.Length > 0));
        var table = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) || l.StartsWith('─')).ToList();
        Assert.True(table.Count >= 7 + 2, result.Stdout);
        Assert.All(table, l => Assert.True(l.TrimEnd().Length <= 80, l));
    }
}

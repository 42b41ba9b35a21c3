using System.Text.Json;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>
/// Tables change capture cannot follow (keyed through <c>keys:</c>, no primary key) get diff-based deltas: the buckets
/// whose content differs are found as verify finds them and their rows synced again.
/// </summary>
public sealed class DiffDeltaTests
{
    // dbo.AttendanceEvent has no primary key; its key (StudentId, EventDate, Code) comes from `keys:`.
    private const string Changes = """
        INSERT INTO dbo."AttendanceEvent" VALUES (500, date '2021-05-05', 'ABSENT', 'inserted after the load');
        UPDATE dbo."AttendanceEvent" SET "Note" = 'updated after the load' WHERE "StudentId" = 5;
        DELETE FROM dbo."AttendanceEvent" WHERE "StudentId" = 6;
        """;

    private const string Events = "SELECT count(*) FROM dbo.attendance_event WHERE ";

    [Fact]
    public async Task Keyless_table_delta_carries_an_insert_an_update_and_a_delete_and_verify_shows_parity()
    {
        await using var f = await LoadedAsync("ddiff");
        await f.Districts[0].ExecuteAsync(Changes);

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("district d001", delta.Stdout);
        Assert.Equal(1, await f.Target.ScalarAsync<long>(Events + "legacy_student_id = 500 AND legacy_code = 'ABSENT'"));
        Assert.Equal(1, await f.Target.ScalarAsync<long>(Events + "legacy_student_id = 5 AND note = 'updated after the load'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>(Events + "legacy_student_id = 6"));
        Assert.Equal(0, await f.Districts[0].ScalarAsync<long>("SELECT count(*) FROM ferry_capture.change_log WHERE table_name = 'dbo.AttendanceEvent'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Second_diff_based_delta_applies_nothing_and_changes_nothing()
    {
        await using var f = await LoadedAsync("ddiff2");
        await f.Districts[0].ExecuteAsync(Changes);
        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        var before = await TargetRowsAsync(f.Target);
        var quarantine = await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine");

        var second = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("0 row(s) written, 0 deleted", second.Stdout);
        Assert.Equal(before, await TargetRowsAsync(f.Target));
        Assert.Equal(quarantine, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine"));
    }

    [Fact]
    public async Task Rollback_of_a_diff_based_delta_restores_the_previous_state()
    {
        await using var f = await LoadedAsync("ddiffrb");
        var loaded = await TargetRowsAsync(f.Target);
        await f.Districts[0].ExecuteAsync(Changes);
        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        Assert.NotEqual(loaded, await TargetRowsAsync(f.Target));

        await DmAsync(f, 0, "rollback", "--config", f.ConfigPath, "--run", DeltaRunId(delta.Stdout));

        Assert.Equal(loaded, await TargetRowsAsync(f.Target));
    }

    [Fact]
    public async Task Keyless_key_no_longer_duplicated_loads_its_remaining_copy_and_leaves_the_quarantine()
    {
        await using var f = await LoadedAsync("ddiffdup");
        const string Duplicates = "SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.AttendanceEvent' AND reason_code = 'duplicate_key'";
        var duplicates = await f.Target.ScalarAsync<long>(Duplicates);
        // Student 1's event of 2021-02-02 was inserted twice ('n1' and 'duplicate'): one copy loaded, the other quarantined.
        await f.Districts[0].ExecuteAsync("""DELETE FROM dbo."AttendanceEvent" WHERE "StudentId" = 1 AND "Note" = 'n1'""");

        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Equal(duplicates - 1, await f.Target.ScalarAsync<long>(Duplicates));
        Assert.Equal("duplicate", await f.Target.ScalarAsync<string>("SELECT note FROM dbo.attendance_event WHERE legacy_student_id = 1 AND legacy_event_date = date '2021-02-02'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Status_names_the_diff_based_tables_of_each_district_in_text_and_json()
    {
        await using var f = await LoadedAsync("ddiffst");

        var text = await DmAsync(f, 0, "status", "--config", f.ConfigPath);
        var json = await DmAsync(f, 0, "status", "--config", f.ConfigPath, "--json");

        Assert.Contains("delta d001: diff-based (change capture cannot follow a table without a primary key that is its key): dbo.AttendanceEvent", text.Stdout);
        using var document = JsonDocument.Parse(json.Stdout);
        var district = Assert.Single(document.RootElement.GetProperty("deltas").EnumerateArray());
        Assert.Equal("d001", district.GetProperty("district").GetString());
        Assert.Equal(["dbo.AttendanceEvent"], district.GetProperty("diffBasedTables").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Keyless_row_whose_new_value_does_not_convert_is_quarantined_with_its_reason_and_one_fixed_in_legacy_loads()
    {
        await using var f = await KeylessImportsAsync("ddiffbad");
        // Import 40 held 'n/a' at the load and was quarantined; import 7 held a date.
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.LegacyImport' AND legacy_key = '40' AND reason_code = 'bad_value'"));
        await f.Districts[0].ExecuteAsync("""
            UPDATE dbo."LegacyImport" SET "BirthDateText" = 'not a date' WHERE "ImportId" = 7;
            UPDATE dbo."LegacyImport" SET "BirthDateText" = '2011-11-11' WHERE "ImportId" = 40;
            """);

        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Equal(1, await f.Target.ScalarAsync<long>(
            "SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.LegacyImport' AND legacy_key = '7' AND reason_code = 'bad_value' AND row->>'BirthDateText' = 'not a date'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.legacy_import WHERE birth_date = date '2009-01-08'"));
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.legacy_import WHERE birth_date = date '2011-11-11'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.LegacyImport' AND legacy_key = '40'"));
        Assert.Equal("loaded", await f.Target.ScalarAsync<string>("SELECT resolution FROM ferry.quarantine_resolution WHERE entity = 'dbo.LegacyImport' AND legacy_key = '40'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
        var second = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        Assert.Contains("0 row(s) written, 0 deleted", second.Stdout);
    }

    /// <summary>
    /// The fixture with dbo.LegacyImport's primary key dropped (its key named in <c>keys:</c> instead) and its text
    /// column reviewed into a date, scaffolded, change capture enabled and loaded.
    /// </summary>
    private static async Task<MigrationFixture> KeylessImportsAsync(string prefix)
    {
        var f = await MigrationFixture.CreateAsync(prefix, districts: 1, students: 200, batchSize: 50);
        try
        {
            await f.Districts[0].ExecuteAsync("""ALTER TABLE dbo."LegacyImport" DROP CONSTRAINT "LegacyImport_pkey" """);
            const string Keys = "keys:\n  - \"dbo.AttendanceEvent(StudentId, EventDate, Code)\"";
            var yaml = await File.ReadAllTextAsync(f.ConfigPath);
            Assert.Contains(Keys, yaml);
            await File.WriteAllTextAsync(f.ConfigPath, yaml.Replace(Keys, Keys + "\n  - \"dbo.LegacyImport(ImportId)\""));

            var scaffold = Path.Combine(f.Directory, "scaffold");
            var context = await Ferry.Engine.Running.MigrationContext.ResolveAsync(f.Config(), [f.Config().Districts[0].Id], [], CancellationToken.None);
            await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
            var mappingPath = Path.Combine(scaffold, "mapping.yaml");
            var mapping = await File.ReadAllTextAsync(mappingPath);
            const string Column = "  - source: BirthDateText\n    target: birth_date_text\n    sourceType: character varying\n    targetType: varchar(20)";
            Assert.Contains(Column, mapping);
            await File.WriteAllTextAsync(mappingPath, mapping.Replace(Column, Column.Replace("target: birth_date_text", "target: birth_date").Replace("targetType: varchar(20)", "targetType: date")));
            await File.AppendAllTextAsync(f.ConfigPath, "mapping: scaffold/mapping.yaml\n");

            await MigrationFixture.ScaffoldAsync(f.Config(), scaffold);
            await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
            await DmAsync(f, 0, "run", "--config", f.ConfigPath);
            return f;
        }
        catch
        {
            await f.DisposeAsync();
            throw;
        }
    }
}

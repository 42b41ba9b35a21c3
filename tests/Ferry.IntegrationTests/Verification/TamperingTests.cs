using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Verification;

/// <summary>
/// One district loaded cleanly, then its target tampered with behind the loader's back: verification must name the
/// key, the kind of difference and the columns, and <c>dm verify</c> must exit 1. Each test has its own databases.
/// </summary>
public sealed class TamperingTests : IAsyncLifetime
{
    private const string Tenant = "6a1f7c1e-0000-4000-8000-000000000001";
    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("tamper", districts: 1, students: 300, batchSize: 70);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Verify_reports_changed_column_with_both_values()
    {
        var legacy = await _f.Districts[0].ScalarAsync<string>("SELECT \"LastSurname\" FROM dbo.\"Student\" WHERE \"StudentId\" = 7");
        await _f.Target.ExecuteAsync($"UPDATE dbo.student SET last_surname = 'Tampered' WHERE tenant_id = '{Tenant}' AND legacy_student_id = 7");

        var student = (await Verification.RunAsync(_f.Config())).Entity("d001", "dbo.Student");

        Assert.Equal("differs", student.Status);
        Assert.Equal((0L, 0L, 1L), (student.Missing, student.Extra, student.Changed));
        var sample = Assert.Single(student.Samples);
        Assert.Equal(new RowDifference(DifferenceKind.Changed, "7", ["LastSurname"]), sample with { Columns = [.. sample.Columns] }, new DifferenceComparer());
        Assert.Equal([ValueDifference.Of("LastSurname", legacy, "Tampered")], sample.Values);
        Assert.Equal(300, student.SourceRows);
        Assert.Equal(300, student.TargetRows);
        Assert.NotEqual(student.SourceChecksum, student.TargetChecksum);
        await AssertCliExitsDiffersAsync("changed 7 (LastSurname)");
    }

    [Fact]
    public async Task Verify_reports_a_deleted_row_as_missing()
    {
        await _f.Target.ExecuteAsync($"DELETE FROM dbo.attendance WHERE tenant_id = '{Tenant}' AND legacy_attendance_id = 10");

        var attendance = (await Verification.RunAsync(_f.Config())).Entity("d001", "dbo.Attendance");

        Assert.Equal((1L, 0L, 0L), (attendance.Missing, attendance.Extra, attendance.Changed));
        Assert.Equal(new RowDifference(DifferenceKind.Missing, "10", []), Assert.Single(attendance.Samples), new DifferenceComparer());
        Assert.Equal(attendance.SourceRows - 1, attendance.TargetRows + attendance.Quarantined);
        await AssertCliExitsDiffersAsync("missing 10");
    }

    [Fact]
    public async Task Verify_reports_a_stray_row_of_the_tenant_as_extra()
    {
        await _f.Target.ExecuteAsync($"INSERT INTO dbo.legacy_import (tenant_id, id, legacy_import_id, birth_date_text) VALUES ('{Tenant}', gen_random_uuid(), 999999, 'stray')");

        var imports = (await Verification.RunAsync(_f.Config())).Entity("d001", "dbo.LegacyImport");

        Assert.Equal((0L, 1L, 0L), (imports.Missing, imports.Extra, imports.Changed));
        Assert.Equal(new RowDifference(DifferenceKind.Extra, "999999", []), Assert.Single(imports.Samples), new DifferenceComparer());
        Assert.Equal(imports.SourceRows + 1, imports.TargetRows + imports.Quarantined);
        await AssertCliExitsDiffersAsync("extra 999999");
    }

    [Fact]
    public async Task Verify_reports_a_row_whose_id_is_not_derived_from_its_key()
    {
        await _f.Target.ExecuteAsync($"UPDATE dbo.legacy_import SET id = gen_random_uuid() WHERE tenant_id = '{Tenant}' AND legacy_import_id = 3");

        var imports = (await Verification.RunAsync(_f.Config())).Entity("d001", "dbo.LegacyImport");

        Assert.Equal((0L, 0L, 1L), (imports.Missing, imports.Extra, imports.Changed));
        var sample = Assert.Single(imports.Samples);
        Assert.Equal(new RowDifference(DifferenceKind.Changed, "3", ["id"]), sample, new DifferenceComparer());
        var stored = await _f.Target.ScalarAsync<Guid>($"SELECT id FROM dbo.legacy_import WHERE tenant_id = '{Tenant}' AND legacy_import_id = 3");
        var id = Assert.Single(sample.Values);
        Assert.Equal(("id", stored.ToString("D")), (id.Column, id.Target));
        Assert.NotEqual(id.Target, id.Legacy);
        Assert.True(Guid.TryParse(id.Legacy, out _));
    }

    [Fact]
    public async Task Verify_keeps_values_only_for_sampled_rows_and_cuts_long_ones()
    {
        var notes = new string('n', ValueDifference.MaxLength + 30);
        await _f.Target.ExecuteAsync($"UPDATE dbo.student SET notes = '{notes}' WHERE tenant_id = '{Tenant}' AND legacy_student_id IN (11, 12, 13)");

        var student = (await Verification.RunAsync(_f.Config(), samples: 2)).Entity("d001", "dbo.Student");

        Assert.Equal(3, student.Changed);
        Assert.Equal(["11", "12"], student.Samples.Select(s => s.Key));
        Assert.All(student.Samples, s =>
        {
            var value = Assert.Single(s.Values);
            Assert.Equal("Notes", value.Column);
            Assert.True(value.Truncated);
            Assert.Equal(notes[..ValueDifference.MaxLength] + "…", value.Target);
        });
    }

    [Fact]
    public async Task Verify_counts_every_difference_exactly_and_samples_the_smallest_keys()
    {
        await _f.Target.ExecuteAsync($"UPDATE dbo.attendance SET minutes = minutes + 1 WHERE tenant_id = '{Tenant}' AND legacy_attendance_id % 7 = 0");
        var expected = await MigrationFixture.CountAsync(_f.Target, $"SELECT count(*) FROM dbo.attendance WHERE tenant_id = '{Tenant}' AND legacy_attendance_id % 7 = 0");

        var attendance = (await Verification.RunAsync(_f.Config(), samples: 3)).Entity("d001", "dbo.Attendance");

        Assert.Equal(expected, attendance.Changed);
        Assert.Equal(["105", "112", "119"], attendance.Samples.Select(s => s.Key));
        Assert.All(attendance.Samples, s => Assert.Equal(["Minutes"], s.Columns));
    }

    [Fact]
    public async Task Quarantined_rows_are_counted_not_reported_missing()
    {
        var result = await Verification.RunAsync(_f.Config());
        var attendance = result.Entity("d001", "dbo.Attendance");
        var events = result.Entity("d001", "dbo.AttendanceEvent");

        Assert.True(result.HasParity);
        Assert.Equal(DistrictSchema.Orphans(300) + DistrictSchema.EnrollmentOrphans(300), attendance.Quarantined);
        Assert.Equal(0, attendance.Missing);
        Assert.Equal(attendance.SourceRows, attendance.TargetRows + attendance.Quarantined);
        // Two duplicated keys (one copy loaded each) and two NULL keys: four rows quarantined, the rest loaded.
        Assert.Equal((304L, 300L, 4L), (events.SourceRows, events.TargetRows, events.Quarantined));
        Assert.Equal("pass", events.Status);
    }

    private async Task AssertCliExitsDiffersAsync(string expectedLine)
    {
        var result = await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains(expectedLine, result.Stdout);
        Assert.Contains("parity: 1 of 7 entity results differ", result.Stdout);
    }

    private sealed class DifferenceComparer : IEqualityComparer<RowDifference>
    {
        public bool Equals(RowDifference? x, RowDifference? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Key == y.Key && x.Columns.SequenceEqual(y.Columns);

        public int GetHashCode(RowDifference obj) => HashCode.Combine(obj.Kind, obj.Key);
    }
}

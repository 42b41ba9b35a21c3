using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Verification;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// A legacy database in SQL_ASCII stores whatever bytes its application wrote. Text that is not UTF-8 cannot become
/// PostgreSQL text: that row is quarantined with its bytes shown as hex, and the rest of the entity loads.
/// </summary>
public sealed class LegacyEncodingTests
{
    private const string Tenant = "6a1f7c1e-0000-4000-8000-000000000001";

    [Fact]
    public async Task Text_that_is_not_utf8_quarantines_its_row_with_the_bytes_as_hex()
    {
        await using var f = await MigrationFixture.CreateAsync("sqlascii", districts: 1, students: 60, batchSize: 25, encoding: "SQL_ASCII");
        await f.Districts[0].ExecuteAsync(
            "UPDATE dbo.\"Student\" SET \"LastSurname\" = E'M\\xfcller' WHERE \"StudentId\" = 7; " +
            "UPDATE dbo.\"Student\" SET \"LastSurname\" = E'Gonz\\xc3\\xa1lez' WHERE \"StudentId\" = 8;");
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));

        var outcome = await MigrationFixture.RunAsync(config);

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(59, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM dbo.student"));
        Assert.Equal("González", await f.Target.ScalarAsync<string>($"SELECT last_surname FROM dbo.student WHERE tenant_id = '{Tenant}' AND legacy_student_id = 8"));
        Assert.Equal(
            "rejected|bad_value|LastSurname|\\x4dfc6c6c6572",
            await f.Target.ScalarAsync<string>("SELECT action || '|' || reason_code || '|' || column_name || '|' || (row->>'LastSurname') FROM ferry.quarantine WHERE entity = 'dbo.Student' AND legacy_key = '7'"));

        var student = (await Ferry.IntegrationTests.Verification.Verification.RunAsync(config, ["dbo.Student"])).Entity("d001", "dbo.Student");
        Assert.True(student.HasParity, string.Join("; ", student.Samples));
        Assert.Equal((60L, 59L, 1L), (student.SourceRows, student.TargetRows, student.Quarantined));
    }
}

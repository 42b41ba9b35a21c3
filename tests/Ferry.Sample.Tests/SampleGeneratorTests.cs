using Ferry.Sample.Schema;
using Ferry.Sample.Sql;
using Npgsql;
using Xunit;

namespace Ferry.Sample.Tests;

public class SampleGeneratorTests(SmallSampleFixture sample) : IClassFixture<SmallSampleFixture>
{
    [Fact]
    public async Task Same_seed_gives_identical_table_checksums()
    {
        for (var d = 0; d < sample.First.Districts.Count; d++)
        {
            foreach (var table in SampleCatalog.Small.Tables)
            {
                var first = await TestDatabase.ChecksumAsync(sample.First.Districts[d].Connection, table.Name);
                var second = await TestDatabase.ChecksumAsync(sample.Second.Districts[d].Connection, table.Name);
                Assert.True(first == second, $"{sample.First.Districts[d].Id} dbo.{table.Name}: {first} vs {second}");
            }
        }
    }

    [Fact]
    public async Task Different_seed_gives_different_rows()
    {
        Assert.NotEqual(
            await TestDatabase.ChecksumAsync(sample.First.Districts[0].Connection, "Student"),
            await TestDatabase.ChecksumAsync(sample.OtherSeed.Districts[0].Connection, "Student"));
    }

    [Fact]
    public async Task Result_describes_the_districts_and_counts_every_row()
    {
        var result = sample.First;
        long counted = 0;
        foreach (var district in result.Districts)
        {
            foreach (var table in SampleCatalog.Small.Tables)
            {
                counted += await TestDatabase.ScalarAsync<long>(district.Connection, $"SELECT count(*) FROM {PgIdentifier.Qualified("dbo", table.Name)}");
            }
        }

        Assert.Equal(["d001", "d002", "d003"], result.Districts.Select(d => d.Id));
        Assert.Equal(["sampletest_a_d001", "sampletest_a_d002", "sampletest_a_d003"], result.Districts.Select(d => d.Database));
        Assert.Equal([300, 200, 150], result.Districts.Select(d => d.Students));
        Assert.Equal(SampleCatalog.Small.Tables.Count, result.EntityCount);
        Assert.Equal(counted, result.TotalRows);
        Assert.Contains(sample.Log, l => l.Contains("foreign keys declared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Legacy_ids_collide_across_districts()
    {
        var uniqueIds = new HashSet<string>();
        foreach (var district in sample.First.Districts)
        {
            Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(district.Connection, "SELECT count(*) FROM \"dbo\".\"Student\" WHERE \"StudentId\" = 1"));
            uniqueIds.Add(await TestDatabase.ScalarAsync<string>(district.Connection, "SELECT \"StudentUniqueId\" FROM \"dbo\".\"Student\" WHERE \"StudentId\" = 1"));
        }

        Assert.Equal(3, uniqueIds.Count);
    }

    [Theory]
    [InlineData("Attendance")]
    [InlineData("StudentAssessmentResult")]
    public async Task Orphans_exist_in_undeclared_student_references(string table)
    {
        foreach (var district in sample.First.Districts)
        {
            var orphans = await TestDatabase.ScalarAsync<long>(
                district.Connection,
                $"SELECT count(*) FROM {PgIdentifier.Qualified("dbo", table)} c WHERE NOT EXISTS (SELECT 1 FROM \"dbo\".\"Student\" s WHERE s.\"StudentId\" = c.\"StudentId\")");
            Assert.True(orphans > 0, $"{district.Id} dbo.{table} has no orphans");
        }
    }

    [Fact]
    public async Task Keyless_table_has_exact_duplicates_and_no_unique_index()
    {
        var connection = sample.First.Districts[0].Connection;

        var duplicated = await TestDatabase.ScalarAsync<long>(connection,
            "SELECT count(*) FROM (SELECT 1 FROM \"dbo\".\"AttendanceEvent\" t GROUP BY t.* HAVING count(*) > 1) d");
        var uniqueIndexes = await TestDatabase.ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_index WHERE indrelid = '\"dbo\".\"AttendanceEvent\"'::regclass AND (indisunique OR indisprimary)");

        Assert.True(duplicated > 0);
        Assert.Equal(0L, uniqueIndexes);
    }

    [Fact]
    public async Task Declared_foreign_keys_exist_and_undeclared_ones_do_not()
    {
        var connection = sample.First.Districts[0].Connection;
        var declared = SampleCatalog.Small.Tables.Sum(t => t.ForeignKeys.Count(f => f.Declared));

        var constraints = await TestDatabase.ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'dbo'::regnamespace");
        var onAttendanceStudent = await TestDatabase.ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) " +
            "WHERE c.contype = 'f' AND c.conrelid = '\"dbo\".\"Attendance\"'::regclass AND a.attname = 'StudentId'");

        Assert.Equal(declared, constraints);
        Assert.Equal(0L, onAttendanceStudent);
    }

    [Fact]
    public async Task Identity_continues_after_the_loaded_ids()
    {
        await using var conn = new NpgsqlConnection(sample.First.Districts[0].Connection);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"dbo\".\"Course\" (\"CourseCode\", \"CourseTitle\", \"AcademicSubject\", \"NumberOfParts\", \"HighSchoolCourseRequirement\", \"Id\") " +
            "VALUES ('NEW-1', 'New', 'Mathematics', 1, false, gen_random_uuid()) RETURNING \"CourseId\"", conn, tx);

        var id = (int)(await insert.ExecuteScalarAsync())!;
        await tx.RollbackAsync();

        Assert.Equal(SampleCatalog.Small.Find("Course")!.RowCount(GeneratedRows.Plans(SampleProfile.Small, SmallSampleFixture.Students)[0].Sizes) + 1, id);
    }

    [Fact]
    public async Task Identifiers_are_quoted_mixed_case_in_schema_dbo()
    {
        var connection = sample.First.Districts[0].Connection;

        var tables = await TestDatabase.ScalarAsync<long>(connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'dbo' AND table_name = ANY ($1)",
            (object)SampleCatalog.Small.Tables.Select(t => t.Name).ToArray());

        Assert.Equal(SampleCatalog.Small.Tables.Count, tables);
    }

    [Fact]
    public async Task Awkward_values_survive_the_load()
    {
        var connection = sample.First.Districts[0].Connection;

        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"StudentNote\" WHERE length(\"NoteText\") > 100000") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"StudentNote\" WHERE strpos(\"NoteText\", $1) > 0", "\U0001F600") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"StudentNote\" WHERE \"NoteText\" = ''") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"StudentSchoolAssociation\" WHERE \"ExitWithdrawDate\" = DATE '1900-01-01'") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"LegacyImport\" WHERE \"BirthDateText\" IN ('31/02/2009', 'n/a')") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM \"dbo\".\"StudentDocument\" WHERE octet_length(\"Content\") = 0") > 0);
        Assert.Equal("money", await TestDatabase.ScalarAsync<string>(connection,
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'dbo' AND table_name = 'StudentFee' AND column_name = 'FeeAmount'"));
        Assert.True(await TestDatabase.ScalarAsync<bool>(connection, "SELECT bool_and(\"TranscriptXml\" IS DOCUMENT) FROM \"dbo\".\"StudentTranscript\""));
    }
}

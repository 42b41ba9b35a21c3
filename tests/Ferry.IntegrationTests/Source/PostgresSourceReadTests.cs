using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Ferry.Core.Model;
using Npgsql;

namespace Ferry.IntegrationTests.Source;

/// <summary>The dialect's statements against real data, run the way the engine runs them.</summary>
public sealed class PostgresSourceReadTests(LegacySourceFixture fixture) : IClassFixture<LegacySourceFixture>
{
    private static readonly TableName Odd = new("dbo", "Odd \"Quoted\" Name");

    public static TheoryData<string, string[], int> Walks() => new()
    {
        { "Student", ["StudentId"], 7 },
        { "Student", ["StudentId"], 200 },
        { "CourseSection", ["SchoolId", "SectionCode"], 9 },
        { "Attendance", ["SchoolCode", "StudentId", "Day"], 37 },
        { "Attendance", ["SchoolCode", "StudentId", "Day"], 1 },
        { "Attendance", ["SchoolCode", "StudentId", "Day"], 1000 },
        { "Odd \"Quoted\" Name", ["Ünïcode Id"], 2 },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Walking_key_boundaries_reads_every_row_exactly_once(string tableName, string[] key, int every)
    {
        var table = new TableName("dbo", tableName);
        var dialect = fixture.Adapter.Dialect;
        var introspected = (await IntrospectAsync()).Find(table)!;
        var keyColumns = key.Select(k => introspected.Column(k)!).ToList();
        await using var connection = await OpenAsync();
        await using var transaction = await fixture.Adapter.BeginReadAsync(connection, CancellationToken.None);
        var boundaries = await SourceRows.ReadAsync(fixture.Adapter, connection, transaction, dialect.SelectKeyBoundaries(table, key, every));
        var total = await fixture.Database.ScalarAsync<long>(dialect.CountRows(table));

        var seen = new Dictionary<string, int>();
        for (var batch = 0; batch <= boundaries.Count; batch++)
        {
            var lower = batch == 0 ? null : boundaries[batch - 1];
            var upper = batch == boundaries.Count ? null : boundaries[batch];
            var sql = dialect.SelectRange(table, [.. key.Select(dialect.Quote)], key, lower is not null, upper is not null);
            var rows = await SourceRows.ReadAsync(fixture.Adapter, connection, transaction, sql, keyColumns, [.. lower ?? [], .. upper ?? []]);

            if (upper is not null)
            {
                Assert.Equal(every, rows.Count);
                Assert.Contains(SourceRows.Show(upper), rows.Select(SourceRows.Show));
            }

            foreach (var row in rows)
            {
                seen[SourceRows.Show(row)] = seen.GetValueOrDefault(SourceRows.Show(row)) + 1;
            }
        }

        Assert.Equal(total / every, boundaries.Count);
        Assert.Equal(total, seen.Count);
        Assert.All(seen, pair => Assert.True(pair.Value == 1, $"{pair.Key} read {pair.Value} times"));
    }

    [Fact]
    public async Task Range_with_only_an_upper_bound_starts_at_the_first_key()
    {
        var dialect = fixture.Adapter.Dialect;
        await using var connection = await OpenAsync();

        var rows = await SourceRows.ReadAsync(
            fixture.Adapter, connection, null,
            dialect.SelectRange(new TableName("dbo", "CourseSection"), [dialect.Quote("SectionCode")], ["SchoolId", "SectionCode"], false, true),
            1, "SEC-03");

        // Rows come in no particular order.
        Assert.Equal(["SEC-01", "SEC-02", "SEC-03"], rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Null_key_rows_are_never_in_a_range_and_always_in_the_null_key_select()
    {
        var table = new TableName("dbo", "AuditLog");
        var dialect = fixture.Adapter.Dialect;
        string[] key = ["StudentId", "Day"];
        string[] columns = [dialect.Quote("Message")];
        await using var connection = await OpenAsync();

        var keyed = await SourceRows.ReadAsync(fixture.Adapter, connection, null, dialect.SelectRange(table, columns, key, false, false));
        var unkeyed = await SourceRows.ReadAsync(fixture.Adapter, connection, null, dialect.SelectNullKeys(table, columns, key));

        // Rows 3, 4, 6, 8, 9 and 12 lack a student or a day.
        Assert.Equal(["event 3", "event 4", "event 6", "event 8", "event 9", "event 12"], unkeyed.Select(r => (string)r[0]!).OrderBy(m => m.Length).ThenBy(m => m, StringComparer.Ordinal));
        Assert.Equal(12, keyed.Count + unkeyed.Count);
        Assert.Empty(keyed.Select(r => r[0]).Intersect(unkeyed.Select(r => r[0])));
    }

    [Fact]
    public async Task Orphans_are_children_whose_full_reference_matches_no_parent()
    {
        var schema = await IntrospectAsync();
        var dialect = fixture.Adapter.Dialect;
        await using var connection = await OpenAsync();

        var students = await SourceRows.ReadAsync(
            fixture.Adapter, connection, null, dialect.SelectOrphanKeys(schema.Find(new("dbo", "Student"))!.ForeignKeys.Single(), ["StudentId"]));
        var grades = await SourceRows.ReadAsync(
            fixture.Adapter, connection, null, dialect.SelectOrphanKeys(schema.Find(new("dbo", "GradeEntry"))!.ForeignKeys.Single(), ["GradeEntryId"]));

        // Computed independently, with NOT IN over the non-NULL references.
        var expectedStudents = await fixture.Database.ScalarAsync<string>("""
            SELECT string_agg("StudentId"::text, ',' ORDER BY "StudentId") FROM dbo."Student"
            WHERE "SchoolId" IS NOT NULL AND "SchoolId" NOT IN (SELECT "SchoolId" FROM dbo."School")
            """);
        var expectedGrades = await fixture.Database.ScalarAsync<string>("""
            SELECT string_agg("GradeEntryId"::text, ',' ORDER BY "GradeEntryId") FROM dbo."GradeEntry"
            WHERE "AttStudent" IS NOT NULL AND "AttCode" IS NOT NULL AND "AttDay" IS NOT NULL
              AND ("AttStudent", "AttCode", "AttDay") NOT IN (SELECT "StudentId", "SchoolCode", "Day" FROM dbo."Attendance")
            """);
        Assert.NotEmpty(students);
        Assert.Equal(expectedStudents, string.Join(",", students.Select(SourceRows.Show).OrderBy(long.Parse)));
        Assert.Equal("6,12,24,26,28,29,30", expectedGrades);
        Assert.Equal(expectedGrades, string.Join(",", grades.Select(SourceRows.Show).OrderBy(long.Parse)));
    }

    [Fact]
    public async Task Self_referencing_orphans_are_found_through_quoted_names()
    {
        var fk = (await IntrospectAsync()).Find(Odd)!.ForeignKeys.Single();
        await using var connection = await OpenAsync();

        var orphans = await SourceRows.ReadAsync(fixture.Adapter, connection, null, fixture.Adapter.Dialect.SelectOrphanKeys(fk, ["Ünïcode Id"]));

        Assert.Equal(["3", "5"], orphans.Select(SourceRows.Show));
    }

    [Fact]
    public async Task Read_transaction_is_a_read_only_snapshot()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await fixture.Adapter.BeginReadAsync(connection, CancellationToken.None);
        var count = fixture.Adapter.Dialect.CountRows(Odd);
        var before = await SourceRows.ReadAsync(fixture.Adapter, connection, transaction, count);

        // A write committed elsewhere after the first read stays invisible to the batch.
        await fixture.Database.ExecuteAsync("INSERT INTO legacy2.\"Thing\" VALUES (1)");
        var things = await SourceRows.ReadAsync(fixture.Adapter, connection, transaction, "SELECT count(*) FROM legacy2.\"Thing\"");
        var write = await Assert.ThrowsAsync<PostgresException>(
            () => SourceRows.ReadAsync(fixture.Adapter, connection, transaction, "DELETE FROM dbo.\"AuditLog\""));

        Assert.Equal(IsolationLevel.RepeatableRead, transaction.IsolationLevel);
        Assert.Equal(5L, before.Single()[0]);
        Assert.Equal(0L, things.Single()[0]);
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, write.SqlState);
    }

    [Fact]
    public async Task Change_position_is_the_write_ahead_log_position_and_moves_with_writes()
    {
        await using var connection = await OpenAsync();

        var before = await fixture.Adapter.ReadChangePositionAsync(connection, CancellationToken.None);
        await fixture.Database.ExecuteAsync("CREATE TABLE legacy2.\"Scratch\" (id int); DROP TABLE legacy2.\"Scratch\"");
        var after = await fixture.Adapter.ReadChangePositionAsync(connection, CancellationToken.None);

        Assert.Matches(new Regex("^[0-9A-F]+/[0-9A-F]+$"), before);
        Assert.NotEqual(before, after);
        Assert.True(await fixture.Database.ScalarAsync<bool>($"SELECT '{after}'::pg_lsn > '{before}'::pg_lsn"));
    }

    [Fact]
    public async Task Parameters_take_their_type_from_the_value()
    {
        await using var connection = await OpenAsync();

        var rows = await SourceRows.ReadAsync(
            fixture.Adapter, connection, null,
            "SELECT pg_typeof(@p0)::text, pg_typeof(@p1)::text, pg_typeof(@p2)::text, pg_typeof(@p3)::text, @p4::integer IS NULL",
            42, "S00001", new DateTime(2024, 9, 2), Guid.NewGuid(), null);

        Assert.Equal(["integer", "text", "timestamp without time zone", "uuid", "True"], rows.Single().Select(v => SourceRows.Show([v])));
    }

    [Fact]
    public async Task Key_bounds_take_the_type_of_their_column()
    {
        var school = (await IntrospectAsync()).Find(new("dbo", "School"))!;
        await using var connection = await OpenAsync();

        var rows = await SourceRows.ReadAsync(
            fixture.Adapter, connection, null,
            "SELECT pg_typeof(@p0)::text, pg_typeof(@p1)::text, pg_typeof(@p2)::text, pg_typeof(@p3)::text",
            [school.Column("SchoolCode")!, school.Column("Name")!, school.Column("Budget")!, school.Column("OpenedAt")!],
            "S00001", "School 1", 1000.5m, new DateTime(2001, 9, 2, 8, 0, 0));

        Assert.Equal(["character", "character varying", "numeric", "timestamp without time zone"], rows.Single().Select(v => SourceRows.Show([v])));
    }

    private Task<DbConnection> OpenAsync() => fixture.Adapter.OpenAsync(fixture.Database.ConnectionString, CancellationToken.None);

    private async Task<SourceSchema> IntrospectAsync()
    {
        await using var connection = await OpenAsync();
        return await fixture.Adapter.IntrospectAsync(connection, CancellationToken.None);
    }
}

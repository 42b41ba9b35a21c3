using Ferry.Core.Casting;
using Ferry.Core.Model;

namespace Ferry.IntegrationTests.Source;

public sealed class PostgresSourceIntrospectionTests(LegacySourceFixture fixture) : IClassFixture<LegacySourceFixture>
{
    [Fact]
    public async Task Introspection_lists_user_tables_of_every_schema_but_ferry()
    {
        var schema = await SchemaAsync();

        Assert.Equal(
            [
                "dbo.Attendance", "dbo.AuditLog", "dbo.CourseSection", "dbo.Event", "dbo.GradeEntry",
                "dbo.Odd \"Quoted\" Name", "dbo.School", "dbo.Student", "dbo.TypeZoo", "legacy2.Thing",
            ],
            schema.Tables.Select(t => t.Name.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Introspection_reports_columns_with_information_schema_type_names_and_facets()
    {
        var school = await TableAsync("dbo", "School");

        Assert.Equal(
            [
                new SourceColumn("SchoolId", "integer", false, IsIdentity: true),
                new SourceColumn("SchoolCode", "character", false, MaxLength: 6),
                new SourceColumn("Name", "character varying", false, MaxLength: 100),
                new SourceColumn("Budget", "numeric", true, Precision: 12, Scale: 2),
                new SourceColumn("OpenedAt", "timestamp without time zone", true, Scale: 3),
                new SourceColumn("Guid", "uuid", false),
                new SourceColumn("Notes", "text", true),
            ],
            school.Columns);
    }

    [Fact]
    public async Task Identity_covers_generated_always_and_serial_columns()
    {
        Assert.True((await TableAsync("dbo", "Student")).Column("StudentId")!.IsIdentity);
        Assert.True((await TableAsync("dbo", "GradeEntry")).Column("GradeEntryId")!.IsIdentity);
        Assert.False((await TableAsync("dbo", "Attendance")).Column("StudentId")!.IsIdentity);
    }

    [Fact]
    public async Task Time_precision_goes_into_scale_and_unbounded_text_has_no_length()
    {
        var zoo = await TableAsync("dbo", "TypeZoo");

        Assert.Equal(3, zoo.Column("Clock")!.Scale);
        Assert.Equal("time without time zone", zoo.Column("Clock")!.DataType);
        Assert.Null(zoo.Column("Unbounded")!.MaxLength);
        Assert.Equal((null, null), (zoo.Column("Decimal")!.Precision, zoo.Column("Decimal")!.Scale));
        Assert.Equal(0, (await TableAsync("dbo", "Student")).Column("StartTime")!.Scale);
    }

    [Fact]
    public async Task Every_introspected_column_has_a_type_rule()
    {
        var schema = await SchemaAsync();

        var unmapped = schema.Tables.SelectMany(t => t.Columns.Select(c => (t.Name, c)))
            .Where(x => TypeRules.Map("postgres", x.c) is null)
            .Select(x => $"{x.Name}.{x.c.Name} {x.c.DataType}");
        Assert.Empty(unmapped);
    }

    [Fact]
    public async Task Primary_keys_keep_column_order_and_keyless_tables_have_none()
    {
        Assert.Equal(["SchoolCode", "StudentId", "Day"], (await TableAsync("dbo", "Attendance")).PrimaryKey);
        Assert.Equal(["SchoolId", "SectionCode"], (await TableAsync("dbo", "CourseSection")).PrimaryKey);
        Assert.Equal(["EventId", "Year"], (await TableAsync("dbo", "Event")).PrimaryKey);
        Assert.Null((await TableAsync("dbo", "AuditLog")).PrimaryKey);
    }

    [Fact]
    public async Task Unique_keys_come_from_constraints_and_indexes_but_not_partial_or_expression_indexes()
    {
        var school = await TableAsync("dbo", "School");
        var student = await TableAsync("dbo", "Student");

        Assert.Equal([["SchoolCode"]], school.UniqueKeys);

        // The unique constraint and the unique index over the same two columns are one key.
        Assert.Equal([["LastName", "FirstName"]], student.UniqueKeys);
        Assert.Empty((await TableAsync("dbo", "Attendance")).UniqueKeys);
    }

    [Fact]
    public async Task Declared_foreign_keys_pair_columns_in_constraint_order()
    {
        var grade = Assert.Single((await TableAsync("dbo", "GradeEntry")).ForeignKeys);
        var student = Assert.Single((await TableAsync("dbo", "Student")).ForeignKeys);
        var odd = Assert.Single((await TableAsync("dbo", "Odd \"Quoted\" Name")).ForeignKeys);
        // Declared after the data as NOT VALID (SQL Server's WITH NOCHECK): orphans may hide behind them.
        Assert.All(new[] { grade, student, odd }, fk => Assert.False(fk.Enforced));

        Assert.Equal("FK_Grade_Attendance", grade.Name);
        Assert.Equal(new TableName("dbo", "GradeEntry"), grade.Table);
        Assert.Equal(["AttStudent", "AttCode", "AttDay"], grade.Columns);
        Assert.Equal(new TableName("dbo", "Attendance"), grade.Referenced);
        Assert.Equal(["StudentId", "SchoolCode", "Day"], grade.ReferencedColumns);
        Assert.True(grade.Declared);
        Assert.Equal(("SchoolId", "School", "SchoolId"), (student.Columns.Single(), student.Referenced.Name, student.ReferencedColumns.Single()));
        Assert.Equal(odd.Table, odd.Referenced);
        Assert.Equal(["Parent \"Ref\""], odd.Columns);
    }

    [Fact]
    public async Task Estimated_rows_come_from_statistics_and_are_never_negative()
    {
        Assert.Equal(500, (await TableAsync("dbo", "Attendance")).EstimatedRows);
        Assert.Equal(200, (await TableAsync("dbo", "Student")).EstimatedRows);

        // A partitioned table's rows live in its partitions.
        Assert.Equal(100, (await TableAsync("dbo", "Event")).EstimatedRows);

        // Never analysed: PostgreSQL says -1.
        Assert.Equal(0, (await TableAsync("dbo", "AuditLog")).EstimatedRows);
    }

    private async Task<SourceTable> TableAsync(string schema, string name) =>
        (await SchemaAsync()).Find(new TableName(schema, name)) ?? throw new InvalidOperationException($"{schema}.{name} not introspected");

    private async Task<SourceSchema> SchemaAsync()
    {
        await using var connection = await fixture.Adapter.OpenAsync(fixture.Database.ConnectionString, CancellationToken.None);
        return await fixture.Adapter.IntrospectAsync(connection, CancellationToken.None);
    }
}

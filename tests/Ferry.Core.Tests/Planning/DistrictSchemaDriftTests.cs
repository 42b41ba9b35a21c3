using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Planning;

public class DistrictSchemaDriftTests
{
    private static readonly MappingSet Mapping = MappingBuilder.Build(District(), Config(), "sqlserver");

    private static IReadOnlyList<string> Drift(SourceSchema other) =>
        DistrictSchemaDrift.Find(Mapping.Entities, (District(), "sqlserver"), "d001", other, "sqlserver");

    private static SourceSchema With(string table, Func<SourceTable, SourceTable> change) =>
        new(District().Tables.Select(t => t.Name.ToString() == table ? change(t) : t).ToList());

    [Fact]
    public void The_same_schema_fits()
    {
        Assert.Empty(Drift(District()));
    }

    [Fact]
    public void A_missing_table_is_named()
    {
        var other = new SourceSchema(District().Tables.Where(t => t.Name.Name != "Attendance").ToList());

        Assert.Equal(["table dbo.Attendance is missing"], Drift(other));
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var other = With("dbo.Student", t => t with { Columns = t.Columns.Where(c => c.Name != "FirstName").ToList() });

        Assert.Equal(["column dbo.Student.FirstName is missing"], Drift(other));
    }

    [Fact]
    public void A_wider_column_than_the_first_districts_is_named_with_both_types()
    {
        var other = With("dbo.Student", t => t with { Columns = t.Columns.Select(c => c.Name == "FirstName" ? c with { MaxLength = 80 } : c).ToList() });

        Assert.Equal(["column dbo.Student.FirstName maps to varchar(80) here, which does not fit varchar(50) as mapped from district d001"], Drift(other));
    }

    [Fact]
    public void A_narrower_column_fits()
    {
        var other = With("dbo.Student", t => t with { Columns = t.Columns.Select(c => c.Name == "FirstName" ? c with { MaxLength = 20 } : c).ToList() });

        Assert.Empty(Drift(other));
    }

    [Fact]
    public void A_type_without_a_rule_is_named()
    {
        var other = With("dbo.Student", t => t with { Columns = t.Columns.Select(c => c.Name == "FirstName" ? c with { DataType = "cursor" } : c).ToList() });

        Assert.Equal(["column dbo.Student.FirstName has type cursor, which no sqlserver type rule maps"], Drift(other));
    }

    [Fact]
    public void Without_the_first_schema_the_mappings_own_types_are_the_reference()
    {
        var other = With("dbo.Student", t => t with { Columns = t.Columns.Select(c => c.Name == "StudentId" ? c with { DataType = "bigint" } : c).ToList() });

        Assert.Equal(
            ["column dbo.Student.StudentId maps to bigint here, which does not fit integer as mapped from district d001"],
            DistrictSchemaDrift.Find(Mapping.Entities, null, "d001", other, "sqlserver"));
    }
}

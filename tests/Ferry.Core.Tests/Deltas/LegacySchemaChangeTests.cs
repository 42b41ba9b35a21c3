using Ferry.Core.Deltas;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Deltas;

public class LegacySchemaChangeTests
{
    private static readonly MappingSet Mapping = MappingBuilder.Build(District(), Config(), "sqlserver");

    private static IReadOnlyList<string> Changes(SourceSchema now, IReadOnlyDictionary<(string, string), IReadOnlyDictionary<string, string>>? target = null) =>
        LegacySchemaChange.Find(Mapping.Entities, now, target ?? new Dictionary<(string, string), IReadOnlyDictionary<string, string>>());

    private static SourceSchema With(string table, Func<SourceTable, SourceTable> change) =>
        new(District().Tables.Select(t => t.Name.ToString() == table ? change(t) : t).ToList());

    [Fact]
    public void The_schema_of_the_load_has_no_changes()
    {
        Assert.Empty(Changes(District()));
    }

    [Fact]
    public void A_dropped_column_is_named_with_its_table()
    {
        Assert.Equal(["column dbo.Student.FirstName was dropped"], Changes(With("dbo.Student", t => t with { Columns = t.Columns.Where(c => c.Name != "FirstName").ToList() })));
    }

    [Fact]
    public void An_added_column_is_named_with_its_table()
    {
        Assert.Equal(["column dbo.Student.Nickname was added"], Changes(With("dbo.Student", t => t with { Columns = [.. t.Columns, new SourceColumn("Nickname", "nvarchar", true, MaxLength: 20)] })));
    }

    [Fact]
    public void A_retyped_column_names_both_types()
    {
        var change = Assert.Single(Changes(With("dbo.Student", t => t with { Columns = t.Columns.Select(c => c.Name == "FirstName" ? c with { DataType = "int" } : c).ToList() })));

        Assert.StartsWith("column dbo.Student.FirstName was retyped from ", change);
        Assert.EndsWith(" to int", change);
    }

    [Fact]
    public void A_mapped_column_the_target_lacks_was_added_to_the_legacy_table()
    {
        var student = Mapping.Entities.First(e => e.Name == "dbo.Student");
        var columns = student.Columns.Where(c => c.Source != "FirstName").ToDictionary(c => c.Target, c => c.TargetType);
        var target = new Dictionary<(string, string), IReadOnlyDictionary<string, string>> { [(student.TargetSchema, student.TargetTable)] = columns };

        Assert.Contains(Changes(District(), target), c => c.StartsWith("column dbo.Student.FirstName was added (the target table", StringComparison.Ordinal));
    }
}

using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Planning;

public class MappingBuilderTests
{
    private static MappingSet Build(SourceSchema? schema = null, MigrationConfig? config = null) =>
        MappingBuilder.Build(schema ?? District(), config ?? Config(), "sqlserver");

    [Fact]
    public void Tables_and_columns_become_snake_case()
    {
        var ssa = Build()[TableName.Parse("dbo.StudentSchoolAssociation")];
        Assert.Equal("dbo", ssa.TargetSchema);
        Assert.Equal("student_school_association", ssa.TargetTable);
        Assert.Equal("first_name", Build()[TableName.Parse("dbo.Student")].Column("FirstName").Target);
    }

    [Fact]
    public void References_take_the_legacy_column_name_and_the_legacy_value_moves_aside()
    {
        var ssa = Build()[TableName.Parse("dbo.StudentSchoolAssociation")];
        var student = ssa.References.Single(r => r.Parent.Name == "Student");
        Assert.Equal("student_id", student.TargetColumn);
        Assert.Equal("legacy_student_id", ssa.Column("StudentId").Target);
    }

    [Fact]
    public void Legacy_key_columns_keep_their_values_under_a_prefix()
    {
        var ssa = Build()[TableName.Parse("dbo.StudentSchoolAssociation")];
        Assert.Equal("legacy_entry_date", ssa.Column("EntryDate").Target);
        Assert.Equal("legacy_student_id", Build()[TableName.Parse("dbo.Student")].Column("StudentId").Target);
    }

    [Fact]
    public void A_legacy_column_named_id_does_not_collide_with_the_new_id()
    {
        Assert.Equal("legacy_id", Build()[TableName.Parse("dbo.Student")].Column("Id").Target);
    }

    [Fact]
    public void Configured_relationships_become_references_not_declared()
    {
        var attendance = Build()[TableName.Parse("dbo.Attendance")];
        var toStudent = attendance.References.Single(r => r.Parent.Name == "Student");
        Assert.False(toStudent.Declared);
        var composite = attendance.References.Single(r => r.Parent.Name == "StudentSchoolAssociation");
        Assert.Equal("student_school_association_id", composite.TargetColumn);
        Assert.Equal(["StudentId", "SchoolId", "EntryDate"], composite.Columns);
    }

    [Fact]
    public void Keyless_table_uses_the_configured_key()
    {
        var events = Build()[TableName.Parse("dbo.AttendanceEvent")];
        Assert.Equal(KeyOrigin.Configured, events.KeyOrigin);
        Assert.Equal(["StudentId", "EventDate", "Code"], events.Key);
    }

    [Fact]
    public void Keyless_table_without_configured_key_is_an_error_naming_it()
    {
        var config = Config() with { Keys = [] };
        var message = Assert.Throws<ConfigException>(() => Build(config: config)).Message;
        Assert.Contains("dbo.AttendanceEvent has no primary key or unique index", message);
    }

    [Fact]
    public void Column_type_without_rule_is_an_error_naming_the_column()
    {
        var schema = new SourceSchema([Table("dbo.Odd", ["OddId"], [Int("OddId"), new SourceColumn("Shape", "cursor", true)])]);
        var message = Assert.Throws<ConfigException>(() => MappingBuilder.Build(schema, Config() with { Relationships = [], Keys = [] }, "sqlserver")).Message;
        Assert.Contains("dbo.Odd.Shape: type 'cursor' has no mapping rule", message);
    }

    [Fact]
    public void Relationship_to_a_missing_table_is_an_error()
    {
        var config = Config("\n") with { Relationships = [new RelationshipSettings(TableName.Parse("dbo.Attendance"), ["StudentId"], TableName.Parse("dbo.Pupil"), ["PupilId"])] };
        Assert.Contains("dbo.Pupil does not exist", Assert.Throws<ConfigException>(() => Build(config: config)).Message);
    }

    [Fact]
    public void Reference_to_columns_other_than_the_parent_key_is_an_error()
    {
        var config = Config() with { Relationships = [new RelationshipSettings(TableName.Parse("dbo.Attendance"), ["SchoolId"], TableName.Parse("dbo.Staff"), ["SchoolId"])] };
        Assert.Contains("does not target the parent's key", Assert.Throws<ConfigException>(() => Build(config: config)).Message);
    }

    [Fact]
    public void Types_follow_the_sql_server_rules()
    {
        var ssa = Build()[TableName.Parse("dbo.StudentSchoolAssociation")];
        Assert.Equal("date", ssa.Column("EntryDate").TargetType);
        Assert.Equal(ValueKind.Date, ssa.Column("EntryDate").Kind);
        Assert.Equal("varchar(50)", Build()[TableName.Parse("dbo.Student")].Column("FirstName").TargetType);
    }

    [Fact]
    public void Mapping_file_round_trips_and_keeps_edits()
    {
        var mappings = Build();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, MappingFile.Render(mappings).Replace("targetTable: dbo.student\n", "targetTable: sis.learner\n"));
            var loaded = MappingFile.Load(path);
            Assert.Equal(mappings.Entities.Count, loaded.Entities.Count);
            var student = loaded[TableName.Parse("dbo.Student")];
            Assert.Equal(("sis", "learner"), (student.TargetSchema, student.TargetTable));
            Assert.Equal(mappings[TableName.Parse("dbo.Attendance")].References.Count, loaded[TableName.Parse("dbo.Attendance")].References.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reference_to_a_unique_key_of_the_parent_goes_through_it()
    {
        SourceSchema schema = new(
        [
            new SourceTable(TableName.Parse("dbo.School"), [Int("SchoolId"), Text("SchoolCode")], ["SchoolId"], [["SchoolCode"]], []),
            Table("dbo.Student", ["StudentId"], [Int("StudentId"), Text("SchoolCode")], Fk("dbo.Student", ["SchoolCode"], "dbo.School", ["SchoolCode"])),
        ]);

        var reference = Assert.Single(MappingBuilder.Build(schema, Config("\n") with { Relationships = [], Keys = [] }, "sqlserver")[TableName.Parse("dbo.Student")].References);

        Assert.Equal(["SchoolCode"], reference.Columns);
        Assert.Equal(["SchoolCode"], reference.Via!);
        Assert.Equal("school_code_id", reference.TargetColumn);
    }

    [Fact]
    public void Reference_to_the_parent_key_does_not_go_through_anything()
    {
        Assert.All(Build().Entities.SelectMany(e => e.References), r => Assert.Null(r.Via));
    }

    [Fact]
    public void Reviewed_mapping_keeps_a_reference_through_an_alternate_key()
    {
        SourceSchema schema = new(
        [
            new SourceTable(TableName.Parse("dbo.School"), [Int("SchoolId"), Text("SchoolCode")], ["SchoolId"], [["SchoolCode"]], []),
            Table("dbo.Student", ["StudentId"], [Int("StudentId"), Text("SchoolCode")], Fk("dbo.Student", ["SchoolCode"], "dbo.School", ["SchoolCode"])),
        ]);
        var path = Path.Combine(Path.GetTempPath(), $"mapping-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, MappingFile.Render(MappingBuilder.Build(schema, Config("\n") with { Relationships = [], Keys = [] }, "sqlserver")));
        try
        {
            var reloaded = MappingFile.Load(path)[TableName.Parse("dbo.Student")].References.Single();

            Assert.Equal(["SchoolCode"], reloaded.Via!);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

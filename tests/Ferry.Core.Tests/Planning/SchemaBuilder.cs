using Ferry.Core.Configuration;
using Ferry.Core.Model;

namespace Ferry.Core.Tests.Planning;

/// <summary>A small legacy schema with the shapes the planner must handle: composite keys, a cycle, a self-reference, a keyless table.</summary>
internal static class SchemaBuilder
{
    public static SourceColumn Int(string name, bool nullable = false) => new(name, "int", nullable);

    public static SourceColumn Text(string name, int length = 50) => new(name, "nvarchar", true, MaxLength: length);

    public static SourceTable Table(string name, string[]? pk, SourceColumn[] columns, params ForeignKeyInfo[] fks) =>
        new(TableName.Parse(name), columns, pk, [], fks);

    public static ForeignKeyInfo Fk(string child, string[] columns, string parent, string[] parentColumns) =>
        new($"fk_{child}_{string.Join("_", columns)}", TableName.Parse(child), columns, TableName.Parse(parent), parentColumns);

    public static SourceSchema District() => new(
    [
        Table("dbo.School", ["SchoolId"], [Int("SchoolId"), Text("Name"), Int("PrincipalStaffId", nullable: true)],
            Fk("dbo.School", ["PrincipalStaffId"], "dbo.Staff", ["StaffId"])),
        Table("dbo.Staff", ["StaffId"], [Int("StaffId"), Int("SchoolId"), Int("SupervisorStaffId", nullable: true)],
            Fk("dbo.Staff", ["SchoolId"], "dbo.School", ["SchoolId"]),
            Fk("dbo.Staff", ["SupervisorStaffId"], "dbo.Staff", ["StaffId"])),
        Table("dbo.Student", ["StudentId"], [Int("StudentId"), Text("FirstName"), new SourceColumn("Id", "uniqueidentifier", false)]),
        Table("dbo.StudentSchoolAssociation", ["StudentId", "SchoolId", "EntryDate"],
            [Int("StudentId"), Int("SchoolId"), new SourceColumn("EntryDate", "date", false)],
            Fk("dbo.StudentSchoolAssociation", ["StudentId"], "dbo.Student", ["StudentId"]),
            Fk("dbo.StudentSchoolAssociation", ["SchoolId"], "dbo.School", ["SchoolId"])),
        Table("dbo.Attendance", ["AttendanceId"], [Int("AttendanceId"), Int("StudentId"), Int("SchoolId"), new SourceColumn("EntryDate", "date", false)]),
        Table("dbo.AttendanceEvent", null, [Int("StudentId"), new SourceColumn("EventDate", "date", false), Text("Code")]),
    ]);

    public static MigrationConfig Config(string extra = "") => ConfigLoader.Parse(
        """
        target: { connection: "Host=x;Database=t" }
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - { id: d001, tenant: "6a1f7c1e-0000-4000-8000-000000000001", source: { provider: sqlserver, connection: "Server=x" } }
        relationships:
          - { from: "dbo.Attendance(StudentId)", to: "dbo.Student(StudentId)" }
          - { from: "dbo.Attendance(StudentId, SchoolId, EntryDate)", to: "dbo.StudentSchoolAssociation(StudentId, SchoolId, EntryDate)" }
        keys:
          - "dbo.AttendanceEvent(StudentId, EventDate, Code)"
        """ + extra,
        "test.yaml",
        _ => null);
}

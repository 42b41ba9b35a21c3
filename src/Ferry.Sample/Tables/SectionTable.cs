using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Class sections. The teacher is a nullable reference (a section can be unstaffed); when set it is a staff member
/// of the section's own school.
/// </summary>
internal static class SectionTable
{
    public const string Name = "Section";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("SectionId")
        .Int("SchoolId")
        .Int("CourseId")
        .Varchar("SectionIdentifier", 255)
        .Varchar("SessionName", 60)
        .Int("TeacherStaffId", nullable: true)
        .Time("StartTime")
        .Time("EndTime", nullable: true)
        .Numeric("AvailableCredits", 9, 3, nullable: true)
        .SmallInt("SequenceOfCourse")
        .PrimaryKey("SectionId")
        .Unique("SectionIdentifier")
        .References("SchoolId", SchoolTable.Name)
        .References("CourseId", CourseTable.Name)
        .References("TeacherStaffId", StaffTable.Name, "StaffId")
        .Rows(s => s.Scale.Sections)
        .Build(Fill);

    public static long SchoolOf(long sectionId, SampleScale scale) => (sectionId - 1) % scale.Schools + 1;

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var id = index + 1;
        var school = SchoolOf(id, c.Scale);
        var course = index % c.Scale.Courses + 1;
        var staffPerSchool = c.Scale.Staff / c.Scale.Schools;
        var start = new TimeOnly(7, 30).AddMinutes(55 * r.Next(8));
        v[0] = (int)id;
        v[1] = (int)school;
        v[2] = (int)course;
        v[3] = $"{CourseTable.Code(course)}-{id:D5}";
        v[4] = r.Pick(Vocabulary.Sessions);
        v[5] = r.Chance(0.08) ? null : (int)(school + (long)c.Scale.Schools * r.Next(staffPerSchool));
        v[6] = start;
        v[7] = r.Chance(0.05) ? null : start.AddMinutes(50);
        v[8] = r.Chance(0.1) ? null : Decimals.Of(500 * (1 + r.Next(2)), 3);
        v[9] = (short)(1 + r.Next(2));
    }
}

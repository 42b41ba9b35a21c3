using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>Four grading periods per school; grading period <c>(school - 1) * 4 + n</c> is school's n-th.</summary>
internal static class GradingPeriodTable
{
    public const string Name = "GradingPeriod";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("GradingPeriodId")
        .Int("SchoolId")
        .SmallInt("SchoolYear")
        .Int("PeriodSequence")
        .Date("BeginDate")
        .Date("EndDate")
        .Int("TotalInstructionalDays")
        .PrimaryKey("GradingPeriodId")
        .Unique("SchoolId", "SchoolYear", "PeriodSequence")
        .References("SchoolId", SchoolTable.Name)
        .Rows(s => (long)s.Scale.Schools * SampleScale.GradingPeriodsPerSchool)
        .Build(Fill);

    public static long IdOf(long schoolId, int sequence) => (schoolId - 1) * SampleScale.GradingPeriodsPerSchool + sequence;

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var sequence = (int)(index % SampleScale.GradingPeriodsPerSchool);
        var begin = SampleDates.SchoolYearStart.AddDays(sequence * 63);
        v[0] = (int)index + 1;
        v[1] = (int)(index / SampleScale.GradingPeriodsPerSchool) + 1;
        v[2] = (short)2024;
        v[3] = sequence + 1;
        v[4] = begin;
        v[5] = begin.AddDays(60);
        v[6] = 43 + c.Random.Next(3);
    }
}

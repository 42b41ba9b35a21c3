using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>Student fees: the one <c>money</c> column (SQL Server money) beside a <c>numeric(19,4)</c> amount.</summary>
internal static class StudentFeeTable
{
    public const string Name = "StudentFee";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("StudentFeeId")
        .Int("StudentId")
        .Varchar("FeeType", 40)
        .Money("FeeAmount")
        .Numeric("AmountPaid", 19, 4)
        .Date("DueDate", nullable: true)
        .TimestampTz("PostedAt")
        .Bool("Waived")
        .PrimaryKey("StudentFeeId")
        .References("StudentId", StudentTable.Name)
        .Rows(s => Math.Max(5, s.Scale.Students / 2))
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var rows = c.Sizes[Name];
        var cents = 500 + r.Next(20_000);
        v[0] = (int)index + 1;
        v[1] = (int)Spread.Parent(index, rows, c.Scale.Students);
        v[2] = r.Pick(Vocabulary.FeeTypes);
        v[3] = Decimals.Of(cents, 2);
        v[4] = Decimals.Of(r.Next(3) == 0 ? 0 : (long)cents * 100 - r.Next(10_000), 4);
        v[5] = r.Chance(0.2) ? null : SampleDates.SchoolDay(r);
        v[6] = SampleDates.Utc(r);
        v[7] = r.Chance(0.04);
    }
}

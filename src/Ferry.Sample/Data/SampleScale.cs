namespace Ferry.Sample.Data;

/// <summary>
/// The sizes of one district from which every row count follows. The ratios are those of a typical US district
/// (about 400 students per school, 15 per staff member, 25 per section).
/// </summary>
internal sealed record SampleScale(int District, int Students, long AssessmentResults)
{
    public const int Assessments = 24;

    public const int GradingPeriodsPerSchool = 4;

    public const int SchoolDays = 180;

    public int Schools => Math.Clamp(Students / 400, 2, 500);

    public int Staff => Math.Max(10, Students / 15);

    public int Courses => Math.Clamp(Students / 50, 20, 400);

    public int Sections => Math.Max(10, Students / 25);
}

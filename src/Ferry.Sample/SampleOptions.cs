namespace Ferry.Sample;

/// <summary>What <see cref="SampleGenerator"/> builds. The same options and seed give the same rows on every machine.</summary>
public sealed record SampleOptions
{
    /// <summary>Npgsql connection string to the server's <c>postgres</c> database, as a role allowed to create databases.</summary>
    public required string AdminConnection { get; init; }

    public int Districts { get; init; } = 3;

    public SampleProfile Profile { get; init; } = SampleProfile.Small;

    public int Seed { get; init; } = 42;

    /// <summary>Students of the largest district; district k (0-based) gets <c>Students / (1 + 0.5k)</c>, at least 10.</summary>
    public int Students { get; init; } = 2_000;

    /// <summary>Rows of <c>dbo.StudentAssessmentResult</c> in the largest district (default three per student); smaller districts get a proportional share.</summary>
    public int? AssessmentResults { get; init; }

    /// <summary>Database names are this prefix plus the district id: <c>legacy_d001</c>, <c>legacy_d002</c>, ...</summary>
    public string DatabasePrefix { get; init; } = "legacy_";
}

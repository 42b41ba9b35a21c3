using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class AuditReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);

    private static AuditReport Run(string state, string entityStatus, AuditVerification? verification) => new()
    {
        Kind = AuditKind.Run,
        Id = Guid.NewGuid(),
        State = state,
        StartedAt = Start,
        FinishedAt = Start.AddMinutes(1),
        Entities = [new AuditEntity { District = "d001", Entity = "dbo.Student", Status = entityStatus }],
        Verification = verification,
    };

    [Fact]
    public void Completed_run_without_a_verification_is_not_verified()
    {
        var report = Run("completed", AuditEntity.Loaded, null);

        Assert.True(report.Passed);
        Assert.Equal(AuditVerdict.NotVerified, report.Verdict);
    }

    [Theory]
    [InlineData(true, AuditVerdict.Pass)]
    [InlineData(false, AuditVerdict.Fail)]
    public void Completed_run_takes_the_verdict_of_its_latest_verification(bool parity, AuditVerdict expected) =>
        Assert.Equal(expected, Run("completed", AuditEntity.Loaded, new AuditVerification(Guid.NewGuid(), Start.AddHours(1), parity)).Verdict);

    [Theory]
    [InlineData("failed", AuditEntity.Loaded)]
    [InlineData("stopped", AuditEntity.Loaded)]
    [InlineData("completed", AuditEntity.Incomplete)]
    public void Run_that_did_not_load_everything_fails_even_when_verified(string state, string entityStatus) =>
        Assert.Equal(AuditVerdict.Fail, Run(state, entityStatus, new AuditVerification(Guid.NewGuid(), Start.AddHours(1), true)).Verdict);

    [Fact]
    public void Reasons_sum_the_groups_of_every_district_and_entity_largest_first()
    {
        var reasons = AuditReason.Of(
        [
            new QuarantineGroup("d001", "dbo.A", "rejected", "orphan", 2, "x"),
            new QuarantineGroup("d002", "dbo.B", "rejected", "orphan", 3, "y"),
            new QuarantineGroup("d001", "dbo.A", "nulled", "bad_value", 7, "z"),
        ]);

        Assert.Equal([new AuditReason("nulled", "bad_value", 7), new AuditReason("rejected", "orphan", 5)], reasons);
    }

    [Fact]
    public void Value_difference_cuts_long_text_and_says_so()
    {
        var longText = new string('x', ValueDifference.MaxLength + 5);

        var cut = ValueDifference.Of("Notes", longText, "short");
        var kept = ValueDifference.Of("Notes", "a", null);

        Assert.True(cut.Truncated);
        Assert.Equal(new string('x', ValueDifference.MaxLength) + "…", cut.Legacy);
        Assert.Equal("short", cut.Target);
        Assert.Equal(new ValueDifference("Notes", "a", null, false), kept);
    }

    [Fact]
    public void Value_difference_never_splits_a_surrogate_pair()
    {
        var text = new string('a', ValueDifference.MaxLength - 1) + "😀" + "tail";

        var cut = ValueDifference.Of("Notes", text, text);

        Assert.Equal(new string('a', ValueDifference.MaxLength - 1) + "…", cut.Legacy);
    }
}

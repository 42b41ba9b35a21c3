using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class AuditDeltaTests
{
    [Fact]
    public void District_totals_sum_its_entities_and_count_conflicts_however_they_were_resolved()
    {
        var delta = new AuditDelta("d001", "10", "20", DateTimeOffset.UnixEpoch, false,
        [
            new AuditDeltaEntity("dbo.Student", 1, 2, 3, 4, 5, 6, 7),
            new AuditDeltaEntity("dbo.Attendance", 10, 20, 30, 40, 50, 60, 70),
        ]);

        Assert.Equal((11, 22, 33, 44, 55, 143), (delta.Inserted, delta.Updated, delta.Deleted, delta.Quarantined, delta.Resolved, delta.Conflicts));
    }

    [Fact]
    public void A_delta_that_changed_nothing_sums_to_zero()
    {
        var delta = new AuditDelta("d001", "20", "20", DateTimeOffset.UnixEpoch, false, []);

        Assert.Equal(0, delta.Inserted + delta.Updated + delta.Deleted + delta.Quarantined + delta.Resolved + delta.Conflicts);
    }
}

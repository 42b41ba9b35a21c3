using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class DifferenceTests
{
    [Fact]
    public void Log_counts_every_difference_and_keeps_the_smallest_keys()
    {
        var log = new DifferenceLog(3);
        Parallel.For(0, 1000, i => log.Add(i % 3 == 0 ? DifferenceKind.Missing : DifferenceKind.Changed, i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), ["A"]));
        log.Add(DifferenceKind.Extra, "9999", null, count: 5);

        Assert.Equal((334L, 5L, 666L), (log.Missing, log.Extra, log.Changed));
        Assert.Equal(["0000", "0001", "0002"], log.Samples.Select(s => s.Key));
        Assert.Equal(DifferenceKind.Missing, log.Samples[0].Kind);
    }

    [Fact]
    public void Log_without_samples_still_counts()
    {
        var log = new DifferenceLog(0);
        log.Add(DifferenceKind.Extra, "1");
        Assert.Equal(1, log.Total);
        Assert.Empty(log.Samples);
    }

    [Fact]
    public void Ledger_accounts_for_as_many_rows_as_were_rejected_per_pass()
    {
        var id = Guid.NewGuid();
        var ledger = new QuarantineLedger(new Dictionary<Guid, int> { [id] = 2 }, withoutId: 3);
        var pass = ledger.Start();
        Assert.True(pass.TryConsume(id));
        Assert.True(pass.TryConsume(id));
        Assert.False(pass.TryConsume(id));
        Assert.False(pass.TryConsume(Guid.NewGuid()));
        Assert.True(ledger.Start().TryConsume(id));
        Assert.Equal(2, ledger.Recorded(id));
        Assert.Equal(3, ledger.WithoutId);
    }

    [Fact]
    public void Parity_needs_balanced_counts_no_differences_and_equal_checksums()
    {
        var sum = new ContentChecksum(10, 99);
        Assert.True(Parity.Holds(12, 10, 2, 0, 0, 0, sum, sum));
        Assert.False(Parity.Holds(12, 10, 1, 0, 0, 0, sum, sum));
        Assert.False(Parity.Holds(12, 10, 2, 0, 0, 1, sum, sum));
        Assert.False(Parity.Holds(12, 10, 2, 0, 0, 0, sum, new ContentChecksum(10, 98)));
        Assert.Equal("pass", Parity.Status(true));
        Assert.Equal("differs", Parity.Status(false));
    }

    [Fact]
    public void Segment_diff_names_the_id_and_the_legacy_columns()
    {
        Assert.Equal(["id", "B"], SegmentDiff.Columns([1, 2, 3], [9, 2, 4], ["A", "B"]));
        Assert.Empty(SegmentDiff.Columns([1, 2], [1, 2], ["A"]));
    }

    [Fact]
    public void Duplicate_key_pairs_the_loaded_copy_and_quarantines_the_rest()
    {
        var loaded = new EncodedRow("1|2021-02-02|TARDY", 100, [1, 2, 3]);
        var duplicate = new EncodedRow("1|2021-02-02|TARDY", 200, [1, 2, 4]);
        var log = new DifferenceLog(10);

        var outcome = DuplicateKeys.Resolve([duplicate, loaded], [loaded], rejected: 1, ["A", "B"], log);

        Assert.Equal(1, outcome.Quarantined);
        Assert.Equal(outcome.Source, outcome.Target);
        Assert.Equal(0, log.Total);
    }

    [Fact]
    public void Duplicate_key_reports_a_changed_target_copy_and_missing_copies_beyond_the_rejections()
    {
        var a = new EncodedRow("7", 100, [1, 2, 3]);
        var b = new EncodedRow("7", 200, [1, 2, 4]);
        var c = new EncodedRow("7", 300, [1, 5, 3]);
        var tampered = new EncodedRow("7", 999, [1, 9, 3]);
        var log = new DifferenceLog(10);

        var outcome = DuplicateKeys.Resolve([a, b, c], [tampered], rejected: 1, ["A", "B"], log);

        Assert.Equal(1, outcome.Quarantined);
        Assert.Equal((1L, 0L, 1L), (log.Missing, log.Extra, log.Changed));
        Assert.Equal(["A"], log.Samples.Single(s => s.Kind == DifferenceKind.Changed).Columns);
        Assert.NotEqual(outcome.Source, outcome.Target);
    }

    [Fact]
    public void Verification_report_carries_counts_checksums_and_samples()
    {
        var started = DateTimeOffset.UtcNow;
        var entity = new EntityReconciliation
        {
            District = "d001",
            Tenant = Guid.NewGuid(),
            Entity = "dbo.Student",
            TargetTable = "dbo.student",
            SourceRows = 3,
            TargetRows = 3,
            Changed = 1,
            SourceChecksum = new ContentChecksum(3, 1),
            TargetChecksum = new ContentChecksum(3, 2),
            Samples = [new RowDifference(DifferenceKind.Changed, "7", ["LastSurname"])],
            LoadRunId = Guid.NewGuid(),
            FinishedAt = started.AddSeconds(1),
        };
        var result = new VerificationResult { VerifyId = Guid.NewGuid(), StartedAt = started, FinishedAt = started.AddSeconds(2), Districts = ["d001"], EntityScope = ["dbo.Student"], Entities = [entity] };

        var report = VerificationAudit.Report(result, [new QuarantineGroup("d001", "dbo.Student", "rejected", "orphan", 4, "SchoolId 9 has no parent")]);
        var events = VerificationAudit.Events(result).ToList();

        Assert.False(report.Passed);
        Assert.Equal("differs", report.State);
        var line = Assert.Single(report.Entities);
        Assert.Equal((3L, 3L, 1L), (line.Source, line.Target, line.Changed ?? -1));
        Assert.Equal(new ContentChecksum(3, 1).Hex, line.ChecksumSource);
        Assert.Equal("changed 7 (LastSurname)", Assert.Single(line.Samples).ToString());
        Assert.Equal([entity.LoadRunId!.Value], report.Runs);
        Assert.Equal(["verify_started", "entity_verified", "verify_finished"], events.Select(e => e.Event));
        Assert.Equal(1.5, report.RowsPerSecond);
        Assert.Equal([new AuditReason("rejected", "orphan", 4)], report.Reasons);
        Assert.Equal(AuditVerdict.Fail, report.Verdict);
        Assert.Equal(new AuditSpan(entity.FinishedAt, 0, 3), Assert.Single(report.Spans));
    }
}

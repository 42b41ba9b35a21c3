namespace Ferry.Core.Reconciliation;

/// <summary>The audit report of a verification, and its log of events, from the stored result.</summary>
public static class VerificationAudit
{
    public static AuditReport Report(VerificationResult result, IReadOnlyList<QuarantineGroup> quarantine) => new()
    {
        Kind = AuditKind.Verify,
        Id = result.VerifyId,
        State = Parity.Status(result.HasParity),
        StartedAt = result.StartedAt,
        FinishedAt = result.FinishedAt,
        Districts = result.Districts,
        EntityScope = result.EntityScope,
        RowsRead = result.SourceRows,
        Runs = result.Entities.Where(e => e.LoadRunId is not null).Select(e => e.LoadRunId!.Value).Distinct().Order().ToList(),
        Host = result.Host,
        Reasons = AuditReason.Of(quarantine),
        Quarantine = quarantine,
        Spans = result.Entities.Select(e => new AuditSpan(e.FinishedAt, (long)e.Elapsed.TotalMilliseconds, e.SourceRows)).ToList(),
        Entities = result.Entities.Select(e => new AuditEntity
        {
            District = e.District,
            Entity = e.Entity,
            Source = e.SourceRows,
            Target = e.TargetRows,
            Quarantined = e.Quarantined,
            Missing = e.Missing,
            Extra = e.Extra,
            Changed = e.Changed,
            ValueChanges = e.ValueChanges,
            ChecksumSource = e.SourceChecksum.Hex,
            ChecksumTarget = e.TargetChecksum.Hex,
            Status = e.Status,
            Samples = e.Samples,
            ElapsedMs = (long)e.Elapsed.TotalMilliseconds,
            Note = e.Note,
        }).ToList(),
    };

    public static IEnumerable<AuditEvent> Events(VerificationResult result)
    {
        yield return new AuditEvent { At = result.StartedAt, Event = "verify_started", Message = $"districts {string.Join(", ", result.Districts)}" };
        foreach (var e in result.Entities)
        {
            yield return new AuditEvent
            {
                At = e.FinishedAt,
                Event = "entity_verified",
                District = e.District,
                Entity = e.Entity,
                RowsRead = e.SourceRows,
                ElapsedMs = (long)e.Elapsed.TotalMilliseconds,
                RowsPerSecond = Math.Round(e.RowsPerSecond, 1),
                State = e.Status,
                Message = e.HasParity ? null : $"missing {e.Missing}, extra {e.Extra}, changed {e.Changed}, {e.BucketsDiffering} of {e.Buckets} buckets differ",
            };
        }

        yield return new AuditEvent
        {
            At = result.FinishedAt,
            Event = "verify_finished",
            RowsRead = result.SourceRows,
            ElapsedMs = (long)result.Elapsed.TotalMilliseconds,
            RowsPerSecond = Math.Round(result.RowsPerSecond, 1),
            State = Parity.Status(result.HasParity),
        };
    }
}

namespace Ferry.Core.Reconciliation;

/// <summary>
/// A piece of finished work on the report's clock: a committed batch of a run, or a verified entity. It read
/// <see cref="Rows"/> source rows during the <see cref="ElapsedMs"/> milliseconds before <see cref="FinishedAt"/>.
/// </summary>
public sealed record AuditSpan(DateTimeOffset FinishedAt, long ElapsedMs, long Rows)
{
    public DateTimeOffset StartedAt => FinishedAt - TimeSpan.FromMilliseconds(ElapsedMs);
}

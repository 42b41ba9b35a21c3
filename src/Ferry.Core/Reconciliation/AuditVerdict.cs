namespace Ferry.Core.Reconciliation;

/// <summary>
/// What a report's headline says. A run's own counters never prove content, so a run that completed is
/// <see cref="NotVerified"/> until a verification of what it loaded found parity (then <see cref="Pass"/>) or
/// differences (<see cref="Fail"/>); a run that failed, stopped or left an entity incomplete is <see cref="Fail"/>.
/// </summary>
public enum AuditVerdict
{
    Pass,
    Fail,
    NotVerified,
}

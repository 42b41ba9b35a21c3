namespace Ferry.Core.Reconciliation;

/// <summary>What an audit report is about: a load run, or a verification.</summary>
public enum AuditKind
{
    Run,
    Verify,
}

namespace Ferry.Core.Reconciliation;

/// <summary>
/// A full load's starting point for deltas in one district: whether every load of the run recorded a change position
/// (change capture was on), and the earliest of them, where the district's first delta starts.
/// </summary>
public sealed record AuditChangeCapture(string District, bool DeltasEnabled, string? StartPosition);

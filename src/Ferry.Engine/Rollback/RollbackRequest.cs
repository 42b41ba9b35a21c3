namespace Ferry.Engine.Rollback;

/// <summary>
/// What to roll back: <see cref="RunId"/> for <see cref="Districts"/> (empty: every district of the run). With
/// <see cref="Cascade"/>, later runs that changed those districts' rows are rolled back too (newest first); without it
/// their presence refuses the rollback.
/// </summary>
public sealed record RollbackRequest(Guid RunId, IReadOnlyList<string> Districts, bool Cascade = false);

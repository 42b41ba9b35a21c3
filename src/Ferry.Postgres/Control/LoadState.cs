namespace Ferry.Postgres.Control;

/// <summary>
/// The persisted state of one (tenant, entity) full load. <see cref="ChangePosition"/> is the source's change
/// position recorded when it was planned, where a later delta starts (null when the source has none).
/// </summary>
public sealed record LoadState(Guid RunId, string State, long? SourceRows, int Batches, string? ChangePosition = null);

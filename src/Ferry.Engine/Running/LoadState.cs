namespace Ferry.Engine.Running;

/// <summary>The persisted state of one (tenant, entity) full load.</summary>
public sealed record LoadState(Guid RunId, string State, long? SourceRows, int Batches);

namespace Ferry.Postgres.Control;

/// <summary>
/// A recorded load as a plan reads it back: who planned it, its state, batches in all and still pending, its bundle,
/// and the references checked against the parent's keys as batches run.
/// </summary>
public sealed record LoadRow(string Entity, Guid RunId, string State, long SourceRows, int Batches, int Pending, int? Bundle, IReadOnlyList<int> OrphansByKey);

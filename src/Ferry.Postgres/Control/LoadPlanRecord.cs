using Ferry.Core.Planning;

namespace Ferry.Postgres.Control;

/// <summary>
/// One load as planning records it: its batches (each tagged with the bundle it travels in, if any), its planned rows
/// (an estimate when <see cref="Estimated"/>: a small table planned from the catalog), the source's change position,
/// the parents an anti-join on the source found missing, per reference, and the references checked against the
/// parent's keys instead as batches run.
/// </summary>
public sealed record LoadPlanRecord(
    Guid RunId,
    string District,
    Guid Tenant,
    string Entity,
    long SourceRows,
    bool Estimated,
    string? ChangePosition,
    IReadOnlyList<BatchDescriptor> Batches,
    int? Bundle,
    IReadOnlyList<(int Reference, Guid Parent)> Orphans,
    IReadOnlyList<int> OrphansByKey);

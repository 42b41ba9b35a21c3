namespace Ferry.Core.Planning;

/// <summary>
/// One unit of work any process holding the configuration can execute: either one batch (a key range of one entity,
/// <see cref="Entity"/> and <see cref="BatchNo"/>) or one bundle of small entities of the same district, each loaded
/// whole (<see cref="Bundle"/>). It names the work only: the key range and the bundle's members are read from the
/// target's own tables when it runs, so it stays a few hundred bytes of JSON and can never disagree with the plan.
/// Executing it twice is harmless: each batch commits with its checkpoint, and a batch already done is skipped.
/// </summary>
public sealed record WorkItem(Guid RunId, string District, Guid Tenant, string Target, string? Entity = null, int? BatchNo = null, int? Bundle = null)
{
    public static WorkItem ForBatch(Guid runId, string district, Guid tenant, string target, string entity, int batchNo) =>
        new(runId, district, tenant, target, entity, batchNo);

    public static WorkItem ForBundle(Guid runId, string district, Guid tenant, string target, int bundle) =>
        new(runId, district, tenant, target, Bundle: bundle);

    public bool IsBundle => Bundle is not null;

    public override string ToString() => IsBundle ? $"{District}/bundle#{Bundle}" : $"{District}/{Entity}#{BatchNo}";
}

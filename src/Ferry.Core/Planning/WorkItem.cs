namespace Ferry.Core.Planning;

/// <summary>
/// One unit of work any process holding the configuration can execute: either one batch (a key range of one entity,
/// <see cref="Entity"/> and <see cref="BatchNo"/>), a chain of consecutive batches of one entity run one after another,
/// each committing on its own (<see cref="BatchNo"/> to <see cref="LastBatchNo"/>), or one bundle of small entities of
/// the same district, each loaded whole (<see cref="Bundle"/>). It names the work only: the key range and the bundle's members are read from the
/// target's own tables when it runs, so it stays a few hundred bytes of JSON and can never disagree with the plan.
/// Executing it twice is harmless: each batch commits with its checkpoint, and a batch already done is skipped.
/// </summary>
public sealed record WorkItem(Guid RunId, string District, Guid Tenant, string Target, string? Entity = null, int? BatchNo = null, int? Bundle = null, int? LastBatchNo = null)
{
    public static WorkItem ForBatch(Guid runId, string district, Guid tenant, string target, string entity, int batchNo) =>
        new(runId, district, tenant, target, entity, batchNo);

    /// <summary>Batches <paramref name="first"/> to <paramref name="last"/> of one entity, one after another (one batch when they are equal).</summary>
    public static WorkItem ForBatches(Guid runId, string district, Guid tenant, string target, string entity, int first, int last) =>
        new(runId, district, tenant, target, entity, first, LastBatchNo: last > first ? last : null);

    public static WorkItem ForBundle(Guid runId, string district, Guid tenant, string target, int bundle) =>
        new(runId, district, tenant, target, Bundle: bundle);

    public bool IsBundle => Bundle is not null;

    /// <summary>True for a chain of more than one batch.</summary>
    public bool IsChain => LastBatchNo is { } last && last > BatchNo;

    /// <summary>The batches of a chain, each as a work item of its own; the item itself otherwise.</summary>
    public IEnumerable<WorkItem> Links() =>
        IsChain ? Enumerable.Range(BatchNo!.Value, LastBatchNo!.Value - BatchNo.Value + 1).Select(n => this with { BatchNo = n, LastBatchNo = null }) : [this];

    public override string ToString() =>
        IsBundle ? $"{District}/bundle#{Bundle}" : IsChain ? $"{District}/{Entity}#{BatchNo}-{LastBatchNo}" : $"{District}/{Entity}#{BatchNo}";
}

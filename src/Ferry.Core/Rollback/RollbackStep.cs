namespace Ferry.Core.Rollback;

/// <summary>
/// One unit of a rollback (or of a reload's deletion), small and serialisable, so any process holding the configuration
/// can execute it: it names the rows (tenant, target table, id range) and the runs whose work it undoes, never the rows
/// themselves. Each step commits together with its checkpoint, and a step already done is skipped, so executing it
/// twice is harmless.
/// </summary>
public sealed record RollbackStep
{
    /// <summary>The rollback operation (or, for a reload, the run that reloads) the step belongs to.</summary>
    public required Guid OperationId { get; init; }

    public required int StepNo { get; init; }

    /// <summary>The target database (configuration name).</summary>
    public required string Target { get; init; }

    public required string District { get; init; }

    public required Guid Tenant { get; init; }

    public required RollbackStepKind Kind { get; init; }

    /// <summary>The entity (legacy <c>schema.Table</c>) and its target table.</summary>
    public required string Entity { get; init; }

    public required string Schema { get; init; }

    public required string Table { get; init; }

    /// <summary>References set to NULL (detach, restore) or from the before-images (reattach).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>NOT NULL self-references: pointed at the row itself instead of NULL.</summary>
    public IReadOnlyList<string> SelfColumns { get; init; } = [];

    /// <summary>The runs whose work is undone, oldest first. Rows are deleted only while one of them owns the entity's load.</summary>
    public required IReadOnlyList<Guid> Runs { get; init; }

    /// <summary>
    /// The oldest run of <see cref="Runs"/> that owned the entity's load, if any: all the tenant's rows of the entity go,
    /// and only before-images of it and older runs count (a newer run's images are of rows it added itself).
    /// </summary>
    public Guid? RestoreFrom { get; init; }

    /// <summary>All the tenant's rows of the entity go (one of <see cref="Runs"/> owns its load), not only rows the runs inserted.</summary>
    public required bool Owned { get; init; }

    /// <summary>A reload: rows and bookkeeping are kept as before-images of <see cref="OperationId"/> as they go.</summary>
    public bool KeepImages { get; init; }

    public UuidRange Range { get; init; } = UuidRange.All;

    /// <summary>The runs whose before-images count, oldest first: up to <see cref="RestoreFrom"/>, or all.</summary>
    public IReadOnlyList<Guid> EligibleRuns =>
        RestoreFrom is { } from && Runs.Contains(from) ? Runs.TakeWhile(r => r != from).Append(from).ToList() : Runs;

    public override string ToString() => $"{District}/{Entity} {Kind.ToString().ToLowerInvariant()} #{StepNo}";
}

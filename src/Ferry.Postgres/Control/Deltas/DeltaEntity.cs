namespace Ferry.Postgres.Control.Deltas;

/// <summary>
/// One entity's target table as a delta writes it: names, the COPY column list of its staged rows, and its references.
/// <paramref name="Number"/> tells its staging tables apart within one delta transaction.
/// </summary>
public sealed record DeltaEntity(int Number, string Entity, string Schema, string Table, string CopyColumns, IReadOnlyList<DeltaReference> References)
{
    public string Relation => PgIdentifier.Qualified(Schema, Table);

    /// <summary>The staged rows: what the legacy database holds now for the changed keys, mapped.</summary>
    public string Stage => $"pg_temp.ferry_delta_{Number}";

    /// <summary>The ids of every changed key: staged ids are upserted, the others deleted.</summary>
    public string Changed => $"pg_temp.ferry_delta_changed_{Number}";
}

/// <summary>
/// A reference column of a delta entity. <paramref name="Parent"/> is the number of the parent's entity when it lives
/// in the same target database (its rows can be checked), else null. <paramref name="Deferred"/>: a self-reference or the edge
/// that breaks a cycle, set only once every entity's rows are written.
/// </summary>
public sealed record DeltaReference(string Column, int? Parent, bool Deferred, bool Nullable, bool Self);

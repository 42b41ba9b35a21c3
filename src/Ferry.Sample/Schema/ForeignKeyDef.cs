namespace Ferry.Sample.Schema;

/// <summary>
/// A reference from the owning table to <see cref="Referenced"/>. Only <see cref="Declared"/> ones become constraints;
/// the others are the logical keys the configuration has to supply. A reference whose data contains orphans
/// (<see cref="HasOrphans"/>) cannot be declared, because PostgreSQL would refuse the constraint.
/// </summary>
internal sealed record ForeignKeyDef(
    IReadOnlyList<string> Columns,
    string Referenced,
    IReadOnlyList<string> ReferencedColumns,
    bool Declared,
    bool HasOrphans = false);

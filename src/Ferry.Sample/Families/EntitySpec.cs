namespace Ferry.Sample.Families;

/// <summary>
/// One entity of the full profile: a table with an identity key <c>{Name}Id</c>, a reference to <see cref="Parent"/>,
/// descriptor columns (the first required, the rest nullable) and references to other tables.
/// A reference is written <c>[?][~][Column=]Table</c>: <c>?</c> nullable, <c>~</c> never declared in the legacy
/// schema, and the column defaults to <c>{Table}Id</c>.
/// </summary>
/// <param name="Factor">Rows per row of <see cref="Basis"/> (or of the parent when no basis is given).</param>
internal sealed record EntitySpec(string Name, string Parent, double Factor, string[] Descriptors, string[] References)
{
    /// <summary>The table whose size this one follows when that is not the parent (parents: one row per 0.8 students).</summary>
    public string? Basis { get; init; }

    /// <summary>The reference to the parent was never declared as a foreign key.</summary>
    public bool LooseParent { get; init; }

    /// <summary>A nullable <c>Parent{Name}Id</c> pointing into the same table (a hierarchy).</summary>
    public bool SelfReference { get; init; }
}

namespace Ferry.Sample.Families;

/// <summary>
/// A child collection of the full profile, such as <c>StudentAddress</c>: the parent's key and one referenced key
/// (usually a descriptor) form the composite primary key. <see cref="Factor"/> is rows per parent row.
/// </summary>
internal sealed record CollectionSpec(string Parent, string Suffix, string Referenced, double Factor)
{
    public string Name => Parent + Suffix;

    /// <summary>The reference to the parent was never declared as a foreign key.</summary>
    public bool LooseParent { get; init; }
}

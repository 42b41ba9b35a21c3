namespace Ferry.Core.Reconciliation;

/// <summary>
/// One sample difference: the legacy key in canonical text (see <see cref="Mapping.CanonicalKey"/>), and for a
/// changed row the legacy column names whose values differ (<c>id</c> when the row's uuid is not the one its key
/// derives) and, where verification kept them, both values of each differing column (<see cref="Values"/>).
/// </summary>
public sealed record RowDifference(DifferenceKind Kind, string Key, IReadOnlyList<string> Columns)
{
    public IReadOnlyList<ValueDifference> Values { get; init; } = [];

    public override string ToString() =>
        Columns.Count == 0 ? $"{Kind.ToString().ToLowerInvariant()} {Key}" : $"{Kind.ToString().ToLowerInvariant()} {Key} ({string.Join(", ", Columns)})";
}

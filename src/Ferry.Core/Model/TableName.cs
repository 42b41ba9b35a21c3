namespace Ferry.Core.Model;

/// <summary>
/// A schema-qualified table name as the legacy database spells it (e.g. <c>dbo.StudentSchoolAssociation</c>). Names
/// are compared exactly: in a case-sensitive catalog <c>dbo.Term</c> and <c>dbo.TERM</c> are two tables. Names a person
/// wrote are matched to the catalog's spelling through <see cref="SourceSchema.Find"/>.
/// </summary>
public sealed record TableName(string Schema, string Name) : IComparable<TableName>
{
    public override string ToString() => $"{Schema}.{Name}";

    /// <summary>Parses <c>schema.table</c>; a bare name gets schema <c>dbo</c>.</summary>
    public static TableName Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("empty table name");
        }

        var dot = trimmed.IndexOf('.');
        return dot < 0
            ? new TableName("dbo", trimmed)
            : new TableName(trimmed[..dot].Trim(), trimmed[(dot + 1)..].Trim());
    }

    public bool Equals(TableName? other) =>
        other is not null
        && string.Equals(Schema, other.Schema, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.Ordinal.GetHashCode(Schema),
        StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>Alphabetical regardless of case, names that differ only in case in a fixed order.</summary>
    public int CompareTo(TableName? other)
    {
        if (other is null)
        {
            return 1;
        }

        var folded = string.Compare(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);
        return folded != 0 ? folded : string.Compare(ToString(), other.ToString(), StringComparison.Ordinal);
    }
}

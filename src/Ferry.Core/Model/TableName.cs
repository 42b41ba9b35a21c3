namespace Ferry.Core.Model;

/// <summary>A schema-qualified table name as the legacy database spells it (e.g. <c>dbo.StudentSchoolAssociation</c>).</summary>
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
        && string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Schema),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    public int CompareTo(TableName? other) =>
        other is null ? 1 : string.Compare(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);
}

using Ferry.Sample.Data;

namespace Ferry.Sample.Schema;

/// <summary>
/// A table of the sample (always in schema <c>dbo</c>): its shape, its keys, how many rows it gets in a district and
/// how each row is made. <see cref="LogicalKey"/> is set only for tables without a primary key or unique index.
/// </summary>
internal sealed record TableDef
{
    public const string Schema = "dbo";

    public required string Name { get; init; }

    public required IReadOnlyList<ColumnDef> Columns { get; init; }

    public IReadOnlyList<string>? PrimaryKey { get; init; }

    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; init; } = [];

    public IReadOnlyList<ForeignKeyDef> ForeignKeys { get; init; } = [];

    public IReadOnlyList<string>? LogicalKey { get; init; }

    /// <summary>Some rows are exact copies of the row before them (only meaningful without a primary key).</summary>
    public bool HasDuplicates { get; init; }

    public required Func<TableSizes, long> RowCount { get; init; }

    public required RowFiller Fill { get; init; }

    public ColumnDef? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public int Ordinal(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{Name} has no column {name}");
    }
}

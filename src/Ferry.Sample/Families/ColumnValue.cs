using Ferry.Sample.Data;

namespace Ferry.Sample.Families;

/// <summary>Produces one column's value for row <c>index</c>; a generated table is a list of these in column order.</summary>
internal delegate object? ColumnValue(long index, RowContext context);

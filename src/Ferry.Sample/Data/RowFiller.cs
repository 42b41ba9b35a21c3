namespace Ferry.Sample.Data;

/// <summary>
/// Writes row <paramref name="index"/> (0-based, in load order) into <paramref name="values"/>, one slot per column.
/// The buffer still holds the previous row, which is how a table repeats a row exactly.
/// </summary>
internal delegate void RowFiller(long index, RowContext context, object?[] values);

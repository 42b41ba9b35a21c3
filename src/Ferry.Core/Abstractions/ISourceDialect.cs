using Ferry.Core.Model;

namespace Ferry.Core.Abstractions;

/// <summary>
/// Builds the SQL text a source adapter runs. Pure: no connection. Identifiers always go through
/// <see cref="Quote"/>; values are always parameters named <see cref="Parameter"/>(i).
/// </summary>
public interface ISourceDialect
{
    /// <summary>Quotes one identifier, doubling embedded quote characters.</summary>
    string Quote(string identifier);

    string Qualified(TableName table);

    /// <summary>The placeholder of the i-th parameter as it appears in the text (e.g. <c>@p0</c>).</summary>
    string Parameter(int index);

    /// <summary><c>SELECT COUNT(*)</c> of a table.</summary>
    string CountRows(TableName table);

    /// <summary>
    /// Selects the key of every <paramref name="every"/>-th row in key order (the upper bounds of full batches),
    /// key columns only, ordered by key.
    /// </summary>
    string SelectKeyBoundaries(TableName table, IReadOnlyList<string> key, int every);

    /// <summary><c>SELECT MIN(column), MAX(column)</c> of a table: one row, both NULL when no row has a value.</summary>
    string SelectSpan(TableName table, string column);

    /// <summary>Selects the non-NULL values of one column, in no particular order.</summary>
    string SelectValues(TableName table, string column);

    /// <summary>
    /// Selects <paramref name="columns"/> (each an expression already built with <see cref="Quote"/>) of rows whose
    /// key lies in (lower, upper]: parameters 0..k-1 hold the lower bound when <paramref name="hasLower"/>, the
    /// next k the upper bound when <paramref name="hasUpper"/>. Rows with a NULL key column are never selected.
    /// Rows come in no particular order. <paramref name="sharedPrefix"/> is how many leading key columns hold the same
    /// value in both bounds (see <see cref="Planning.KeyBounds.SharedPrefix"/>): a dialect may use it to seek on the
    /// whole prefix instead of the leading column alone, which matters when that column has few values (a school year).
    /// </summary>
    string SelectRange(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key, bool hasLower, bool hasUpper, int sharedPrefix = 0);

    /// <summary>Selects <paramref name="columns"/> of the rows whose key has a NULL column (they can never be keyed).</summary>
    string SelectNullKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key);

    /// <summary>
    /// An expression for the select list of a query over <paramref name="child"/>: <paramref name="parentColumn"/> of
    /// the <paramref name="parent"/> row whose <paramref name="parentColumns"/> equal the row's
    /// <paramref name="childColumns"/> (pairwise, a unique key of the parent), or NULL when there is none. How a
    /// reference through a parent's alternate key finds the parent's own key, compared by the source's rules.
    /// </summary>
    string SelectThrough(TableName child, IReadOnlyList<string> childColumns, TableName parent, IReadOnlyList<string> parentColumns, string parentColumn);

    /// <summary>
    /// Selects the child key (columns <paramref name="childKey"/>) of each row whose reference <paramref name="fk"/>
    /// is fully non-NULL yet matches no row of the referenced table.
    /// </summary>
    string SelectOrphanKeys(ForeignKeyInfo fk, IReadOnlyList<string> childKey);
}

using System.Data.Common;
using Ferry.Core.Model;

namespace Ferry.Core.Abstractions;

/// <summary>
/// A legacy table whose changes a delta follows, with the key its rows are identified by. <see cref="Tracked"/>: change
/// capture follows it (see <see cref="Deltas.DeltaMethods"/>); when false, capture leaves it out and its deltas are
/// diff-based.
/// </summary>
public sealed record CapturedTable(TableName Table, IReadOnlyList<string> KeyColumns, bool Tracked = true);

/// <summary>
/// How one source dialect records and reads back the changes made to legacy tables (SQL Server Change Tracking; the
/// stand-in's change log and row triggers). Positions are opaque text, ordered by the source; changed keys are JSON
/// objects of the key columns by their legacy names, which <see cref="SelectByKeys"/> reads back as rows.
/// </summary>
public interface IChangeCapture
{
    /// <summary>The statements that turn change capture on for <paramref name="tables"/> (idempotent), as <c>dm delta enable</c> prints them.</summary>
    IReadOnlyList<string> EnableStatements(string database, IReadOnlyList<CapturedTable> tables);

    /// <summary>The statements that turn it off again (idempotent).</summary>
    IReadOnlyList<string> DisableStatements(string database, IReadOnlyList<CapturedTable> tables);

    /// <summary>Whether change capture is on for the database (null reason) or, if not, one line saying what is missing.</summary>
    Task<string?> NotEnabledAsync(DbConnection connection, IReadOnlyList<CapturedTable> tables, CancellationToken cancellationToken);

    /// <summary>The position now: every change at or before it is committed and readable.</summary>
    Task<string> PositionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="position"/> is one of this capture's positions (a full load may have recorded another kind).</summary>
    bool IsPosition(string position);

    /// <summary>Changes recorded after <paramref name="from"/> not yet applied, where the source can tell (null otherwise).</summary>
    Task<long?> PendingAsync(DbConnection connection, string from, CancellationToken cancellationToken);

    /// <summary>
    /// Null when changes of <paramref name="table"/> can still be read from <paramref name="from"/>; otherwise one line
    /// saying why not (cleanup passed it, the table was truncated, capture does not follow it).
    /// </summary>
    Task<string?> PositionProblemAsync(DbConnection connection, CapturedTable table, string from, CancellationToken cancellationToken);

    /// <summary>The distinct keys of <paramref name="table"/>'s rows changed in (<paramref name="from"/>, <paramref name="to"/>], as JSON objects.</summary>
    Task<IReadOnlyList<string>> ChangedKeysAsync(DbConnection connection, CapturedTable table, string from, string to, CancellationToken cancellationToken);

    /// <summary>
    /// A query of <paramref name="columns"/> (select expressions over the table's own columns) of the rows whose keys
    /// are in the JSON array bound by <see cref="KeysParameter"/>; with <paramref name="fromKeys"/> the rows are the keys
    /// themselves (every other column NULL), so deleted rows' keys can be read in the key columns' own types.
    /// </summary>
    string SelectByKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<SourceColumn> keyColumns, bool fromKeys);

    /// <summary>Removes the changes recorded before <paramref name="before"/> that the capture keeps itself (personal data: keys); returns how many.</summary>
    Task<long> PurgeAsync(DbConnection connection, DateTime before, CancellationToken cancellationToken);

    /// <summary>The one parameter of <see cref="SelectByKeys"/>: the keys as a JSON array.</summary>
    DbParameter KeysParameter(string jsonArray);
}

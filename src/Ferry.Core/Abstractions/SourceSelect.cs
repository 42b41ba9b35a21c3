using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Core.Planning;

namespace Ferry.Core.Abstractions;

/// <summary>
/// The expression a mapped column is selected through: the type rule's own (a type no client reads natively), else
/// the source's text reading (raw bytes where the database does not guarantee UTF-8), else the column itself. Loads
/// and verification select alike, so both see the same values.
/// </summary>
public static class SourceSelect
{
    /// <param name="expression">The quoted column, or an expression that reads it (a lookup through an alternate key).</param>
    public static string Expression(ColumnMap column, string expression, SourceFacts? facts)
    {
        if (column.SelectAs is not null)
        {
            return string.Format(CultureInfo.InvariantCulture, column.SelectAs, expression);
        }

        return facts?.TextSelect is { } text && column.Kind is ValueKind.Text or ValueKind.Json or ValueKind.Xml
            ? string.Format(CultureInfo.InvariantCulture, text, expression)
            : expression;
    }
}

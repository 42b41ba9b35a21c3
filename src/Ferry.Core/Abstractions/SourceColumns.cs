using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Core.Planning;

namespace Ferry.Core.Abstractions;

/// <summary>
/// The expression each mapped column is selected through, in mapping order: the type rule's own (a type no client
/// reads natively), else the source's text reading (raw bytes where the database does not guarantee UTF-8), else the
/// plain quoted column. Loads and verification select alike, so both see the same values.
/// </summary>
public static class SourceColumns
{
    public static IReadOnlyList<string> Expressions(EntityMapping entity, ISourceDialect dialect, SourceFacts? facts) =>
        entity.Columns.Select(c =>
        {
            var quoted = dialect.Quote(c.Source);
            if (c.SelectAs is not null)
            {
                return string.Format(CultureInfo.InvariantCulture, c.SelectAs, quoted);
            }

            return facts?.TextSelect is { } text && c.Kind is ValueKind.Text or ValueKind.Json or ValueKind.Xml
                ? string.Format(CultureInfo.InvariantCulture, text, quoted)
                : quoted;
        }).ToList();
}

using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// Turns a sys.columns row into a <see cref="SourceColumn"/>: lengths in characters, not bytes, only the facets that
/// mean something for the type (sys.columns reports a max_length for every type, e.g. 4 for int), and for text the
/// collation with what it ignores.
/// </summary>
internal static class SqlServerColumnFacets
{
    public static SourceColumn ToColumn(
        string name, string type, bool nullable, int maxLengthBytes, int precision, int scale, bool identity, string? collation = null)
    {
        var column = new SourceColumn(name, type, nullable, IsIdentity: identity, Collation: collation, Insensitive: SqlServerCollations.Insensitivity(collation));
        return type switch
        {
            // Two bytes per UTF-16 code unit; -1 is (max), which has no length.
            "nvarchar" or "nchar" => column with { MaxLength = maxLengthBytes < 0 ? null : maxLengthBytes / 2 },
            "varchar" or "char" or "varbinary" or "binary" => column with { MaxLength = maxLengthBytes < 0 ? null : maxLengthBytes },
            "decimal" or "numeric" => column with { Precision = precision, Scale = scale },

            "time" or "datetime2" or "datetimeoffset" => column with { Scale = scale },
            _ => column,
        };
    }
}

using System.Text.RegularExpressions;

namespace Ferry.Core.Casting;

/// <summary>
/// One spelling per PostgreSQL type, so a mapped type (<c>varchar(20)</c>, <c>timestamptz(6)</c>) can be compared
/// with what the catalog reports (<c>character varying(20)</c>, <c>timestamp(6) with time zone</c>).
/// </summary>
public static partial class TargetTypeName
{
    public static bool Same(string a, string b) => string.Equals(Normalise(a), Normalise(b), StringComparison.Ordinal);

    public static string Normalise(string type)
    {
        var t = Spaces().Replace(type.Trim().ToLowerInvariant(), " ");
        t = Arguments().Replace(t, m => "(" + m.Groups[1].Value + (m.Groups[2].Success ? "," + m.Groups[2].Value : "") + ")");
        t = WithZone().Replace(t, m => (m.Groups[1].Value == "timestamp" ? "timestamptz" : "timetz") + m.Groups[2].Value);
        t = WithoutZone().Replace(t, m => m.Groups[1].Value + m.Groups[2].Value);
        t = t.Replace("character varying", "varchar", StringComparison.Ordinal);
        t = CharacterType().Replace(t, "char$1");
        t = Regex.Replace(t, @"^bpchar\b", "char");
        t = t switch
        {
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "float8" or "float" => "double precision",
            "float4" => "real",
            "bool" => "boolean",
            _ => t,
        };
        return NumericPrecisionOnly().Replace(t.Replace("decimal", "numeric", StringComparison.Ordinal), "numeric($1,0)");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"^(timestamp|time)(\(\d+\))? with time zone$")]
    private static partial Regex WithZone();

    [GeneratedRegex(@"^(timestamp|time)(\(\d+\))? without time zone$")]
    private static partial Regex WithoutZone();

    [GeneratedRegex(@"^character(\(\d+\))?$")]
    private static partial Regex CharacterType();

    [GeneratedRegex(@"^numeric\((\d+)\)$")]
    private static partial Regex NumericPrecisionOnly();
}

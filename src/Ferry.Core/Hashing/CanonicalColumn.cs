using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;

namespace Ferry.Core.Hashing;

/// <summary>
/// How one column's values are put in canonical form: by the kind and facets of its <em>target</em> type, because
/// the canonical value is the legacy value after the documented type mapping, so that a source value and the target
/// value it became encode alike. <see cref="Scale"/> and <see cref="FractionDigits"/> come from <c>numeric(p,s)</c>,
/// <c>timestamp(p)</c> and <c>time(p)</c>; <see cref="Padded"/> marks <c>char(n)</c>, whose trailing spaces do not count.
/// The two flags that model a recorded fix apply to the source side only (see <see cref="CanonicalSide"/>).
/// </summary>
public sealed record CanonicalColumn
{
    /// <summary>The legacy column name, as differences report it.</summary>
    public required string Name { get; init; }

    public required ValueKind Kind { get; init; }

    public int? Scale { get; init; }

    public int? FractionDigits { get; init; }

    public bool Padded { get; init; }

    /// <summary>NUL characters are removed (the <c>nul: strip</c> policy); PostgreSQL text cannot hold them anyway.</summary>
    public bool StripNul { get; init; }

    /// <summary>Source side: a sentinel date becomes NULL (the <c>sentinelDate: null</c> policy, nullable date columns).</summary>
    public bool SentinelsToNull { get; init; }

    /// <summary>Source side: a value that does not convert becomes NULL (the <c>badValue: null</c> policy, nullable columns).</summary>
    public bool BadValueToNull { get; init; }

    /// <summary>The canonical rules of a mapped column under the configured policies, mirroring what the load does.</summary>
    public static CanonicalColumn For(ColumnMap column, QuarantinePolicies policies)
    {
        var kind = TargetKinds.Of(column.TargetType);
        var (name, arguments) = Split(column.TargetType);
        return new CanonicalColumn
        {
            Name = column.Source,
            Kind = kind,
            Scale = kind == ValueKind.Decimal && arguments.Length == 2 ? arguments[1] : null,
            FractionDigits = kind is ValueKind.Timestamp or ValueKind.TimestampTz or ValueKind.Time && arguments.Length == 1 ? arguments[0] : null,
            Padded = kind == ValueKind.Text && name is "char" or "character" or "bpchar" or "nchar",
            StripNul = policies.Nul == ProblemAction.Strip && kind is ValueKind.Text or ValueKind.Json or ValueKind.Xml,
            SentinelsToNull = policies.SentinelDate == ProblemAction.Null && column.Nullable && kind is ValueKind.Date or ValueKind.Timestamp,
            BadValueToNull = policies.BadValue == ProblemAction.Null && column.Nullable,
        };
    }

    /// <summary><c>numeric(12, 2)</c> gives ("numeric", [12, 2]); a type without arguments gives none.</summary>
    private static (string Name, int[] Arguments) Split(string targetType)
    {
        var t = targetType.Trim().ToLowerInvariant();
        var open = t.IndexOf('(');
        var close = t.IndexOf(')');
        if (open < 0 || close < open)
        {
            return (t.Split(' ')[0], []);
        }

        var arguments = t[(open + 1)..close]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        return (t[..open].Trim(), arguments.Any(a => a < 0) ? [] : arguments);
    }
}

using System.Globalization;
using System.Text;
using Ferry.Sample.Randomness;
using Ferry.Sample.Sql;

namespace Ferry.Sample.Schema;

/// <summary>
/// Names of constraints and indexes in the SQL Server style (<c>PK_Student</c>, <c>FK_Grade_GradingPeriod</c>).
/// Names longer than PostgreSQL's 63 bytes are cut and suffixed with a hash of the full name, because the server's
/// own truncation could give two indexes of one schema the same name.
/// </summary>
internal static class ConstraintNames
{
    public static string PrimaryKey(TableDef table) => Fit($"PK_{table.Name}");

    public static string Unique(TableDef table, IReadOnlyList<string> columns) => Fit($"UX_{table.Name}_{string.Join('_', columns)}");

    public static string Index(TableDef table, IReadOnlyList<string> columns) => Fit($"IX_{table.Name}_{string.Join('_', columns)}");

    public static string ForeignKey(TableDef table, ForeignKeyDef fk) => Fit($"FK_{table.Name}_{fk.Referenced}_{string.Join('_', fk.Columns)}");

    internal static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= PgIdentifier.MaxBytes)
        {
            return name;
        }

        var hash = (SampleRandom.Fnv1a(name) & 0xFFFFFFFF).ToString("x8", CultureInfo.InvariantCulture);
        return name[..(PgIdentifier.MaxBytes - hash.Length - 1)] + "_" + hash;
    }
}

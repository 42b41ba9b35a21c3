using System.Data;
using System.Globalization;
using Ferry.Core.Model;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>
/// A key bound sent as exactly its column's type: same type, length, precision and scale. Anything else makes SQL
/// Server convert the column to the parameter's type (data type precedence), which turns every batch's index seek into
/// a scan and can change the comparison itself: under a SQL_ collation <c>varchar</c> and <c>nvarchar</c> sort some
/// strings differently (<c>CO-OP</c> and <c>COOP</c> swap), and a <c>datetime</c> column compared with a
/// <c>datetime2</c> value is converted with every 1/300 s tick's repeating digits, so a boundary row could land in two
/// batches or in none. The comparison then uses the column's own collation, as the key order of the planning did.
/// </summary>
internal static class SqlServerKeyParameter
{
    public static SqlParameter Create(string name, object? value, SourceColumn column)
    {
        if (value is null)
        {
            return new SqlParameter(name, DBNull.Value);
        }

        var inv = CultureInfo.InvariantCulture;
        return column.DataType switch
        {
            "bit" => Typed(name, SqlDbType.Bit, Convert.ToBoolean(value, inv)),
            "tinyint" => Typed(name, SqlDbType.TinyInt, Convert.ToByte(value, inv)),
            "smallint" => Typed(name, SqlDbType.SmallInt, Convert.ToInt16(value, inv)),
            "int" => Typed(name, SqlDbType.Int, Convert.ToInt32(value, inv)),
            "bigint" => Typed(name, SqlDbType.BigInt, Convert.ToInt64(value, inv)),
            "decimal" or "numeric" => Typed(name, SqlDbType.Decimal, value, precision: column.Precision, scale: column.Scale),
            "money" => Typed(name, SqlDbType.Money, Convert.ToDecimal(value, inv)),
            "smallmoney" => Typed(name, SqlDbType.SmallMoney, Convert.ToDecimal(value, inv)),
            "float" => Typed(name, SqlDbType.Float, Convert.ToDouble(value, inv)),
            "real" => Typed(name, SqlDbType.Real, Convert.ToSingle(value, inv)),
            "date" => Typed(name, SqlDbType.Date, value),
            "time" => Typed(name, SqlDbType.Time, value, scale: column.Scale),
            "datetime" => Typed(name, SqlDbType.DateTime, value),
            "smalldatetime" => Typed(name, SqlDbType.SmallDateTime, value),
            "datetime2" => Typed(name, SqlDbType.DateTime2, value, scale: column.Scale),
            "datetimeoffset" => Typed(name, SqlDbType.DateTimeOffset, value, scale: column.Scale),
            "char" => Typed(name, SqlDbType.Char, value, size: Length(column)),
            "varchar" => Typed(name, SqlDbType.VarChar, value, size: Length(column)),
            "nchar" => Typed(name, SqlDbType.NChar, value, size: Length(column)),
            "nvarchar" => Typed(name, SqlDbType.NVarChar, value, size: Length(column)),
            "uniqueidentifier" => Typed(name, SqlDbType.UniqueIdentifier, value),
            "binary" => Typed(name, SqlDbType.Binary, value, size: Length(column)),
            "varbinary" => Typed(name, SqlDbType.VarBinary, value, size: Length(column)),
            "rowversion" or "timestamp" => Typed(name, SqlDbType.Binary, value, size: 8),

            // Compared through its text form: the dialect casts the parameter back to hierarchyid.
            "hierarchyid" => Typed(name, SqlDbType.NVarChar, value, size: 4000),
            _ => throw new NotSupportedException($"column {column.Name}: a {column.DataType} key cannot be bound as a parameter"),
        };
    }

    // (max) columns have no length; -1 is SqlClient's spelling of max.
    private static int Length(SourceColumn column) => column.MaxLength ?? -1;

    private static SqlParameter Typed(string name, SqlDbType type, object value, int? size = null, int? precision = null, int? scale = null)
    {
        var parameter = new SqlParameter(name, type) { Value = value };
        if (size is { } s)
        {
            parameter.Size = s;
        }

        if (precision is { } p)
        {
            parameter.Precision = (byte)p;
        }

        if (scale is { } c)
        {
            parameter.Scale = (byte)c;
        }

        return parameter;
    }
}

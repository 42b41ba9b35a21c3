using System.Data;
using Ferry.Core.Casting;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Key bounds are sent as their column's exact type, so SQL Server compares in the column's type and collation and
/// seeks its index. Each case starts from sys.columns facts (lengths in bytes) and a bound as planning stores it.
/// </summary>
public sealed class SqlServerKeyParameterTests
{
    private readonly SqlServerAdapter _adapter = new();

    public static TheoryData<string, int, int, int, object, SqlDbType, int, int, int> Cases() => new()
    {
        // type, max_length (bytes), precision, scale, bound value; expected SqlDbType, Size, Precision, Scale
        { "varchar", 20, 0, 0, "CO-OP", SqlDbType.VarChar, 20, 0, 0 },
        { "varchar", -1, 0, 0, "long text", SqlDbType.VarChar, -1, 0, 0 },
        { "char", 6, 0, 0, "S00001", SqlDbType.Char, 6, 0, 0 },
        { "nvarchar", 100, 0, 0, "Élève", SqlDbType.NVarChar, 50, 0, 0 },
        { "nvarchar", -1, 0, 0, "x", SqlDbType.NVarChar, -1, 0, 0 },
        { "nchar", 20, 0, 0, "ABC", SqlDbType.NChar, 10, 0, 0 },
        { "tinyint", 1, 3, 0, (short)200, SqlDbType.TinyInt, 0, 0, 0 },
        { "smallint", 2, 5, 0, (short)-7, SqlDbType.SmallInt, 0, 0, 0 },
        { "int", 4, 10, 0, 42, SqlDbType.Int, 0, 0, 0 },
        { "bigint", 8, 19, 0, 9_000_000_000L, SqlDbType.BigInt, 0, 0, 0 },
        { "bit", 1, 1, 0, true, SqlDbType.Bit, 0, 0, 0 },
        { "decimal", 9, 12, 2, 1234.50m, SqlDbType.Decimal, 0, 12, 2 },
        { "numeric", 5, 5, 0, 99999m, SqlDbType.Decimal, 0, 5, 0 },
        { "money", 8, 19, 4, 12.3456m, SqlDbType.Money, 0, 0, 0 },
        { "smallmoney", 4, 10, 4, 1.5m, SqlDbType.SmallMoney, 0, 0, 0 },
        { "float", 8, 53, 0, 0.1, SqlDbType.Float, 0, 0, 0 },
        { "real", 4, 24, 0, 0.5f, SqlDbType.Real, 0, 0, 0 },
        { "date", 3, 10, 0, new DateTime(2024, 9, 2), SqlDbType.Date, 0, 0, 0 },
        { "time", 5, 16, 7, new TimeSpan(0, 8, 30, 0, 123).Add(TimeSpan.FromTicks(4567)), SqlDbType.Time, 0, 0, 7 },
        { "datetime", 8, 23, 3, new DateTime(2024, 9, 2, 8, 30, 0).AddTicks(33333), SqlDbType.DateTime, 0, 0, 0 },
        { "smalldatetime", 4, 16, 0, new DateTime(2024, 9, 2, 8, 30, 0), SqlDbType.SmallDateTime, 0, 0, 0 },
        { "datetime2", 8, 27, 7, new DateTime(2024, 9, 2, 8, 30, 0).AddTicks(1234567), SqlDbType.DateTime2, 0, 0, 7 },
        { "datetime2", 6, 19, 0, new DateTime(2024, 9, 2, 8, 30, 0), SqlDbType.DateTime2, 0, 0, 0 },
        { "datetimeoffset", 10, 34, 7, new DateTimeOffset(2024, 9, 2, 8, 30, 0, TimeSpan.FromHours(-5)), SqlDbType.DateTimeOffset, 0, 0, 7 },
        { "uniqueidentifier", 16, 0, 0, Guid.Parse("aabbccdd-0000-4000-8000-000000000001"), SqlDbType.UniqueIdentifier, 0, 0, 0 },
        { "binary", 16, 0, 0, new byte[] { 1, 2, 3 }, SqlDbType.Binary, 16, 0, 0 },
        { "varbinary", 64, 0, 0, new byte[] { 0xFF }, SqlDbType.VarBinary, 64, 0, 0 },
        { "hierarchyid", 892, 0, 0, "/1/3/", SqlDbType.NVarChar, 4000, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Key_bound_is_sent_as_its_column_type_with_its_length_precision_and_scale(
        string type, int maxLength, int precision, int scale, object bound, SqlDbType sqlType, int size, int sentPrecision, int sentScale)
    {
        var column = SqlServerColumnFacets.ToColumn("Key", type, nullable: false, maxLength, precision, scale, identity: false);
        var stored = KeyBounds.Decode(KeyBounds.Encode([bound]), [TypeRules.Map("sqlserver", column)!.Kind])[0];

        var parameter = Assert.IsType<SqlParameter>(_adapter.CreateParameter("p0", stored, column));

        // Size only means something for strings and binaries: SqlClient sends none for fixed-size types.
        var sentSize = sqlType is SqlDbType.Char or SqlDbType.VarChar or SqlDbType.NChar or SqlDbType.NVarChar or SqlDbType.Binary or SqlDbType.VarBinary
            ? parameter.Size
            : 0;
        Assert.Equal((sqlType, size, sentPrecision, sentScale), (parameter.SqlDbType, sentSize, (int)parameter.Precision, (int)parameter.Scale));
        Assert.Equal(bound, type == "tinyint" ? Convert.ToInt16(parameter.Value, System.Globalization.CultureInfo.InvariantCulture) : parameter.Value);
    }

    [Fact]
    public void Varchar_key_bound_is_sent_as_varchar_with_column_length_not_as_nvarchar()
    {
        // The case the inferred type got wrong: an nvarchar(4000) bound converts the varchar column to nvarchar,
        // which sorts differently under SQL_ collations and defeats the index.
        var column = SqlServerColumnFacets.ToColumn("SchoolCode", "varchar", nullable: false, 12, 0, 0, identity: false);

        var typed = (SqlParameter)_adapter.CreateParameter("p0", "CO-OP", column);
        var inferred = (SqlParameter)_adapter.CreateParameter("p0", "CO-OP");

        Assert.Equal((SqlDbType.VarChar, 12), (typed.SqlDbType, typed.Size));
        Assert.Equal(SqlDbType.NVarChar, inferred.SqlDbType);
    }

    [Fact]
    public void Tinyint_bound_stored_as_smallint_is_sent_as_a_byte()
    {
        var column = new SourceColumn("Grade", "tinyint", false);

        var parameter = (SqlParameter)_adapter.CreateParameter("p0", (short)12, column);

        Assert.Equal((SqlDbType.TinyInt, (byte)12), (parameter.SqlDbType, parameter.Value));
    }

    [Fact]
    public void Key_type_that_cannot_be_compared_is_refused_naming_the_column()
    {
        var error = Assert.Throws<NotSupportedException>(() => _adapter.CreateParameter("p0", "x", new SourceColumn("Notes", "ntext", false)));

        Assert.Contains("column Notes", error.Message, StringComparison.Ordinal);
    }
}

using System.Data;
using Ferry.Core.Casting;
using Ferry.Engine.Pipeline;
using Ferry.IntegrationTests.Support;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// No SQL Server runs here, so the load's conversion of what SqlClient returns is tested with those very values (the
/// CLR types and boundary values SqlClient hands over for each SQL Server type), written by the load's own transfers
/// and encoder into PostgreSQL and compared by PostgreSQL's text rendering.
/// </summary>
public sealed class SqlServerValueTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync("sqlvalues_");

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public static TheoryData<string, string, Type, object, string, long> Cases() => new()
    {
        // SQL Server type, target type, CLR type SqlClient returns, value, PostgreSQL's rendering, values truncated.
        { "datetime2(7) max", "timestamp(6)", typeof(DateTime), DateTime.MaxValue, "9999-12-31 23:59:59.999999", 1 },
        { "datetime2(7) min", "timestamp(6)", typeof(DateTime), DateTime.MinValue, "0001-01-01 00:00:00", 0 },
        { "datetime2(7) before 2000", "timestamp(6)", typeof(DateTime), new DateTime(1999, 12, 31, 23, 59, 59).AddTicks(9_999_999), "1999-12-31 23:59:59.999999", 1 },
        { "datetime 1/300 s", "timestamp(3)", typeof(DateTime), new DateTime(2005, 1, 2, 8, 0, 0).AddTicks(1_233_333), "2005-01-02 08:00:00.123", 1 },
        { "smalldatetime", "timestamp(0)", typeof(DateTime), new DateTime(2079, 6, 6, 23, 59, 0), "2079-06-06 23:59:00", 0 },
        { "date max", "date", typeof(DateTime), new DateTime(9999, 12, 31), "9999-12-31", 0 },
        { "date min", "date", typeof(DateTime), new DateTime(1, 1, 1), "0001-01-01", 0 },
        { "date sentinel", "date", typeof(DateTime), new DateTime(1900, 1, 1), "1900-01-01", 0 },
        { "time(7) max", "time(6)", typeof(TimeSpan), new TimeSpan(863_999_999_999L), "23:59:59.999999", 1 },
        { "datetimeoffset(7) max", "timestamptz(6)", typeof(DateTimeOffset), DateTimeOffset.MaxValue, "9999-12-31 23:59:59.999999+00", 1 },
        { "datetimeoffset offset", "timestamptz(6)", typeof(DateTimeOffset), new DateTimeOffset(2000, 2, 29, 12, 0, 0, TimeSpan.FromHours(-5)), "2000-02-29 17:00:00+00", 0 },
        { "decimal(38,0) max, read as text", "numeric(38,0)", typeof(string), "99999999999999999999999999999999999999", "99999999999999999999999999999999999999", 0 },
        { "decimal(38,38), read as text", "numeric(38,38)", typeof(string), ".99999999999999999999999999999999999999", "0.99999999999999999999999999999999999999", 0 },
        { "decimal(38,10) min, read as text", "numeric(38,10)", typeof(string), "-9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", 0 },
        { "decimal(28,0) max", "numeric(28,0)", typeof(decimal), 9999999999999999999999999999m, "9999999999999999999999999999", 0 },
        { "money max", "numeric(19,4)", typeof(decimal), 922337203685477.5807m, "922337203685477.5807", 0 },
        { "money min", "numeric(19,4)", typeof(decimal), -922337203685477.5808m, "-922337203685477.5808", 0 },
        { "float max", "double precision", typeof(double), double.MaxValue, "1.7976931348623157e+308", 0 },
        { "float smallest", "double precision", typeof(double), double.Epsilon, "5e-324", 0 },
        { "real max", "real", typeof(float), float.MaxValue, "3.4028235e+38", 0 },
        { "bit", "boolean", typeof(bool), true, "true", 0 },
        { "tinyint max", "smallint", typeof(byte), (byte)255, "255", 0 },
        { "smallint min", "smallint", typeof(short), short.MinValue, "-32768", 0 },
        { "bigint min", "bigint", typeof(long), long.MinValue, "-9223372036854775808", 0 },
        { "nvarchar trailing spaces", "varchar(10)", typeof(string), "a  ", "a  ", 0 },
        { "nvarchar empty", "varchar(10)", typeof(string), "", "", 0 },
        // char(n) renders without its padding in PostgreSQL, as SQL Server compares it.
        { "nchar padded", "char(4)", typeof(string), "ab  ", "ab", 0 },
        { "varbinary empty", "bytea", typeof(byte[]), Array.Empty<byte>(), "\\x", 0 },
        { "uniqueidentifier", "uuid", typeof(Guid), Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), "6f9619ff-8b86-d011-b42d-00cf4fc964ff", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_value_as_sqlclient_returns_it_arrives_as_itself(string type, string target, Type clr, object value, string expected, long truncated)
    {
        var table = new DataTable();
        table.Columns.Add("v", clr);
        table.Rows.Add(value);
        using var reader = table.CreateDataReader();
        Assert.True(reader.Read());
        var transfer = TransferFactory.Create(reader, 0, TargetKinds.Of(target));
        transfer.Read(reader, 0);
        Assert.Null(transfer.Error);

        var name = "t" + Guid.NewGuid().ToString("N")[..8];
        await _db.ExecuteAsync($"CREATE TABLE {name} (v {target})");
        await using (var connection = new NpgsqlConnection(_db.ConnectionString))
        {
            await connection.OpenAsync();
            using var writer = BinaryCopyWriter.Start(connection, $"COPY {name} (v) FROM STDIN (FORMAT BINARY)");
            writer.StartRow(1);
            transfer.Write(writer);
            writer.Complete();
        }

        Assert.Equal(expected, await _db.ScalarAsync<string>($"SET TimeZone = 'UTC'; SELECT v::text FROM {name}"));
        Assert.True(truncated == transfer.Truncated, $"{type}: {transfer.Truncated} value(s) counted as truncated");
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("12,50")]
    [InlineData("")]
    public void Decimal_text_that_is_not_a_number_is_a_bad_value_with_its_text(string text)
    {
        var table = new DataTable();
        table.Columns.Add("v", typeof(string));
        table.Rows.Add(text);
        using var reader = table.CreateDataReader();
        Assert.True(reader.Read());
        var transfer = TransferFactory.Create(reader, 0, ValueKind.Decimal);

        transfer.Read(reader, 0);

        Assert.NotNull(transfer.Error);
        Assert.Equal(text, transfer.Raw);
    }
}

using Ferry.Core.Values;
using Ferry.IntegrationTests.Support;
using Ferry.Postgres.Target;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.IntegrationTests.Target;

/// <summary>
/// The load's own binary COPY encoder against Npgsql's importer: the same values written both ways must be the
/// same values in PostgreSQL, type by type, edge cases included.
/// </summary>
public sealed class BinaryCopyWriterTests : IAsyncLifetime
{
    private const string Columns =
        "b boolean, i2 smallint, i4 integer, i8 bigint, n numeric, n42 numeric(19,4), f4 real, f8 double precision, d date, " +
        "t time, iv interval, ts timestamp, tstz timestamptz, by bytea, u uuid, j jsonb, x xml, tx text, vc varchar(20), c char(3)";

    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync("copywriter_");
        await _db.ExecuteAsync($"CREATE TABLE ours (k integer, {Columns}); CREATE TABLE theirs (k integer, {Columns});");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly object?[][] Rows =
    [
        [true, (short)-32768, int.MinValue, long.MinValue, 0m, 0.0001m, float.NaN, double.NegativeInfinity, new DateOnly(1, 1, 2),
            TimeSpan.Zero, TimeSpan.FromDays(-3.5), new DateTime(1, 1, 2), new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Array.Empty<byte>(), Guid.Empty, "{}", "<a/>", "", "", "  "],
        [false, (short)32767, int.MaxValue, long.MaxValue, 79228162514264337593543950335m, 123456789012345.6789m, 1.5f, Math.PI, new DateOnly(9999, 12, 30),
            new TimeSpan(0, 23, 59, 59, 999) + TimeSpan.FromTicks(9), new TimeSpan(400, 5, 6, 7, 8), new DateTime(9999, 12, 30, 23, 59, 59).AddTicks(9_999_990),
            new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc).AddTicks(15), new byte[] { 0, 255, 7 }, Guid.Parse("aabbccdd-eeff-4011-8233-445566778899"),
            """{"b": [1, 2.50, null], "a": "é😀"}""", "<r><c>x &amp; y</c></r>", "emoji 😀, Ünïcode, right-to-left שלום", "trailing  ", "ab"],
        [true, (short)0, 0, 0L, -0.000000000000000000000000001m, -1.50m, -0f, 0d, new DateOnly(2000, 1, 1),
            TimeSpan.FromTicks(5), TimeSpan.FromTicks(-15), new DateTime(1999, 12, 31, 23, 59, 59, 999).AddTicks(9990), new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(-10),
            new byte[70_000], Guid.NewGuid(), "[]", "<a>b</a>", new string('x', 200_000), "12345678901234567890", "xyz"],
        [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
        [true, (short)1, 1, 1L, -12345.678m, 99999999999999.9999m, float.MaxValue, double.Epsilon, new DateOnly(1999, 12, 31),
            TimeSpan.FromMicroseconds(1), TimeSpan.FromMicroseconds(-1), new DateTime(2000, 1, 1).AddTicks(-10), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
            new byte[] { 1 }, Guid.NewGuid(), "1.0", "<a/>", "a\u0001b", "x", "y"],
    ];

    [Fact]
    public async Task Every_type_encodes_as_npgsql_encodes_it()
    {
        await using (var conn = new NpgsqlConnection(_db.ConnectionString))
        {
            await conn.OpenAsync();
            using (var writer = BinaryCopyWriter.Start(conn, "COPY ours FROM STDIN (FORMAT BINARY)"))
            {
                for (var k = 0; k < Rows.Length; k++)
                {
                    Write(writer, k, Rows[k]);
                }

                writer.Complete();
            }

            await using var importer = await conn.BeginBinaryImportAsync("COPY theirs FROM STDIN (FORMAT BINARY)");
            var types = new[]
            {
                NpgsqlDbType.Boolean, NpgsqlDbType.Smallint, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric,
                NpgsqlDbType.Real, NpgsqlDbType.Double, NpgsqlDbType.Date, NpgsqlDbType.Time, NpgsqlDbType.Interval, NpgsqlDbType.Timestamp,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.Bytea, NpgsqlDbType.Uuid, NpgsqlDbType.Jsonb, NpgsqlDbType.Xml, NpgsqlDbType.Text,
                NpgsqlDbType.Varchar, NpgsqlDbType.Char,
            };
            for (var k = 0; k < Rows.Length; k++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(k, NpgsqlDbType.Integer);
                for (var c = 0; c < types.Length; c++)
                {
                    if (Rows[k][c] is null)
                    {
                        await importer.WriteNullAsync();
                    }
                    else
                    {
                        await importer.WriteAsync(Rows[k][c], types[c]);
                    }
                }
            }

            await importer.CompleteAsync();
        }

        var columns = new[] { "b", "i2", "i4", "i8", "n", "n42", "f4", "f8", "d", "t", "iv", "ts", "tstz", "by", "u", "j", "tx", "vc", "c", "x::text" };
        var differences = await _db.ScalarAsync<string>(
            "SELECT string_agg(format('row %s column %s: ours %s, npgsql %s', o.k, c.name, c.ours, c.theirs), '; ') FROM ours o JOIN theirs t ON t.k = o.k " +
            "CROSS JOIN LATERAL (VALUES " + string.Join(", ", columns.Select(c => $"('{c}', o.{c}::text, t.{c}::text)")) + ") AS c(name, ours, theirs) " +
            "WHERE c.ours IS DISTINCT FROM c.theirs");
        Assert.True(differences is null, differences);
        Assert.Equal(Rows.Length, await _db.ScalarAsync<long>("SELECT count(*) FROM ours"));
        Assert.Equal("79228162514264337593543950335", await _db.ScalarAsync<string>("SELECT n::text FROM ours WHERE k = 1"));
        Assert.Equal("-0.000000000000000000000000001", await _db.ScalarAsync<string>("SELECT n::text FROM ours WHERE k = 2"));
    }

    /// <summary>
    /// Where the client library substitutes a value (its infinity stand-ins) or rounds toward 2000-01-01, the writer
    /// keeps the value: checked by PostgreSQL's own rendering of what was written.
    /// </summary>
    [Fact]
    public async Task Boundary_values_are_written_as_themselves()
    {
        await _db.ExecuteAsync("CREATE TABLE edges (k integer, d date, ts timestamp, tstz timestamptz, t time, iv interval, n numeric)");
        var cases = new (Action<BinaryCopyWriter> Write, string Column, string Expected)[]
        {
            (w => w.WriteDate(DateOnly.MaxValue), "d", "9999-12-31"),
            (w => w.WriteDate(DateOnly.MinValue), "d", "0001-01-01"),
            (w => w.WriteDate(PgDate.Infinity), "d", "infinity"),
            (w => w.WriteDate(PgDate.NegativeInfinity), "d", "-infinity"),
            (w => w.WriteDate(new PgDate(-2451545)), "d", "4714-11-24 BC"),
            (w => w.WriteTimestamp(DateTime.MaxValue), "ts", "9999-12-31 23:59:59.999999"),
            (w => w.WriteTimestamp(DateTime.MinValue), "ts", "0001-01-01 00:00:00"),
            (w => w.WriteTimestamp(new DateTime(1999, 12, 31, 23, 59, 59).AddTicks(9_999_999)), "ts", "1999-12-31 23:59:59.999999"),
            (w => w.WriteTimestamp(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(19)), "ts", "2024-01-02 03:04:05.000001"),
            (w => w.WriteTimestamp(PgTimestamp.Infinity), "ts", "infinity"),
            (w => w.WriteTimestampTz(DateTimeOffset.MaxValue.UtcDateTime), "tstz", "9999-12-31 23:59:59.999999+00"),
            (w => w.WriteTime(new TimeSpan(0, 23, 59, 59).Add(TimeSpan.FromTicks(9_999_999))), "t", "23:59:59.999999"),
            (w => w.WriteInterval(new PgInterval(14, 3, 4_000_001)), "iv", "1 year 2 mons 3 days 00:00:04.000001"),
            (w => w.TryWriteNumeric("99999999999999999999999999999999999999"), "n", "99999999999999999999999999999999999999"),
            (w => w.TryWriteNumeric("-0.00000000000000000000000000000000000001"), "n", "-0.00000000000000000000000000000000000001"),
            (w => w.TryWriteNumeric("10000000000000000000000000000000000000000"), "n", "10000000000000000000000000000000000000000"),
            (w => w.TryWriteNumeric(" 0012.3400 "), "n", "12.3400"),
            (w => w.TryWriteNumeric("0.000"), "n", "0.000"),
            (w => w.TryWriteNumeric("NaN"), "n", "NaN"),
        };
        await using (var conn = new NpgsqlConnection(_db.ConnectionString))
        {
            await conn.OpenAsync();
            using var writer = BinaryCopyWriter.Start(conn, "COPY edges (k, d, ts, tstz, t, iv, n) FROM STDIN (FORMAT BINARY)");
            string[] order = ["d", "ts", "tstz", "t", "iv", "n"];
            for (var k = 0; k < cases.Length; k++)
            {
                writer.StartRow(7);
                writer.WriteInt32(k);
                foreach (var column in order)
                {
                    if (column == cases[k].Column)
                    {
                        cases[k].Write(writer);
                    }
                    else
                    {
                        writer.WriteNull();
                    }
                }
            }

            writer.Complete();
        }

        for (var k = 0; k < cases.Length; k++)
        {
            var actual = await _db.ScalarAsync<string>($"SET TimeZone = 'UTC'; SELECT {cases[k].Column}::text FROM edges WHERE k = {k}");
            Assert.True(cases[k].Expected == actual, $"case {k}: expected {cases[k].Expected}, PostgreSQL holds {actual}");
        }
    }

    [Fact]
    public async Task Text_that_is_not_a_number_writes_nothing()
    {
        await using var conn = new NpgsqlConnection(_db.ConnectionString);
        await conn.OpenAsync();
        using var writer = BinaryCopyWriter.Start(conn, "COPY ours (k) FROM STDIN (FORMAT BINARY)");
        foreach (var text in new[] { "", "1e5", "1,5", "--1", "1.2.3", "١٢" })
        {
            Assert.False(writer.TryWriteNumeric(text), text);
        }
    }

    [Fact]
    public async Task Disposing_without_complete_writes_nothing()
    {
        await using var conn = new NpgsqlConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand("CREATE TABLE abandoned (k integer)", conn))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        using (var writer = BinaryCopyWriter.Start(conn, "COPY abandoned FROM STDIN (FORMAT BINARY)"))
        {
            writer.StartRow(1);
            writer.WriteInt32(1);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM abandoned", conn);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static void Write(BinaryCopyWriter w, int k, object?[] row)
    {
        w.StartRow(21);
        w.WriteInt32(k);
        Action<object>[] writers =
        [
            v => w.WriteBoolean((bool)v), v => w.WriteInt16((short)v), v => w.WriteInt32((int)v), v => w.WriteInt64((long)v),
            v => w.WriteNumeric((decimal)v), v => w.WriteNumeric((decimal)v), v => w.WriteSingle((float)v), v => w.WriteDouble((double)v),
            v => w.WriteDate((DateOnly)v), v => w.WriteTime((TimeSpan)v), v => w.WriteInterval((TimeSpan)v), v => w.WriteTimestamp((DateTime)v),
            v => w.WriteTimestampTz((DateTime)v), v => w.WriteBytes((byte[])v), v => w.WriteUuid((Guid)v), v => w.WriteJsonb((string)v),
            v => w.WriteText((string)v), v => w.WriteText((string)v), v => w.WriteText((string)v), v => w.WriteText((string)v),
        ];
        for (var c = 0; c < writers.Length; c++)
        {
            if (row[c] is { } value)
            {
                writers[c](value);
            }
            else
            {
                w.WriteNull();
            }
        }
    }
}

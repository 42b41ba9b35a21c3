using Ferry.Core.Values;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Support;
using Ferry.IntegrationTests.Verification;
using Npgsql;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// Every legacy value arrives as itself: a table of boundary values for every type the stand-in has is loaded, and
/// each value is compared by the databases' own text rendering (SQL on the legacy database and on the target), not
/// through the tool's readers. Verification must agree, and must catch a conversion defect injected into the load.
/// </summary>
public sealed class BoundaryValueTests : IAsyncLifetime
{
    /// <summary>Each column of dbo."Edge" with the expression that renders it as text on either side.</summary>
    private static readonly (string Legacy, string Target, string Render)[] Columns =
    [
        ("Flag", "flag", "{0}::text"),
        ("Small", "small", "{0}::text"),
        ("Int", "int", "{0}::text"),
        ("Big", "big", "{0}::text"),
        ("Loose", "loose", "{0}::text"),
        ("Wide", "wide", "{0}::text"),
        ("Fraction", "fraction", "{0}::text"),
        ("Amount", "amount", "{0}::text"),
        ("Ratio", "ratio", "{0}::text"),
        ("Precise", "precise", "{0}::text"),
        ("Day", "day", "{0}::text"),
        ("At", "at", "{0}::text"),
        ("Stamp", "stamp", "{0}::text"),
        ("StampTz", "stamp_tz", "{0}::text"),
        ("Span", "span", "{0}::text"),
        ("Code", "code", "{0}::text"),
        ("Label", "label", "{0}::text"),
        ("Body", "body", "{0}::text"),
        ("Blob", "blob", "{0}::text"),
        ("Ref", "ref", "{0}::text"),
        ("Doc", "doc", "{0}::jsonb::text"),
    ];

    private const string Edge = """
        CREATE TABLE dbo."Edge" (
            "EdgeId" integer PRIMARY KEY,
            "Flag" boolean, "Small" smallint, "Int" integer, "Big" bigint,
            "Loose" numeric, "Wide" numeric(38,0), "Fraction" numeric(38,38), "Amount" numeric(12,4),
            "Ratio" real, "Precise" double precision,
            "Day" date, "At" time(6), "Stamp" timestamp(6), "StampTz" timestamptz(6), "Span" interval,
            "Code" character(5), "Label" character varying(20), "Body" text, "Blob" bytea, "Ref" uuid, "Doc" json);
        INSERT INTO dbo."Edge" VALUES
        (1, true, -32768, -2147483648, -9223372036854775808, '1e40', 99999999999999999999999999999999999999, 0.99999999999999999999999999999999999999, -99999999.9999,
            'NaN', 'NaN', '9999-12-31', '00:00', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00', '1 mon',
            'a    ', '', '', ''::bytea, '00000000-0000-0000-0000-000000000000', '{}'),
        (2, false, 32767, 2147483647, 9223372036854775807, 'NaN', -99999999999999999999999999999999999999, -0.00000000000000000000000000000000000001, 99999999.9999,
            'Infinity', 'Infinity', '0001-01-01', '23:59:59.999999', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '-178000000 years',
            '     ', ' ', 'trailing  ', '\x00ff'::bytea, 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{"b": 1.50, "a": [1e2]}'),
        (3, NULL, 0, 0, 0, '0.0000000000000000000000000000000000000000001', 0, 0, 0,
            '-Infinity', '-Infinity', 'infinity', '24:00:00', 'infinity', 'infinity', '1 year 2 mons 3 days 04:05:06.789012',
            NULL, NULL, NULL, NULL, NULL, NULL),
        (4, NULL, NULL, NULL, NULL, '-0.0', NULL, NULL, NULL,
            '-0', '-0', '-infinity', NULL, '-infinity', '-infinity', '-1 days 00:00:00.000001',
            NULL, NULL, E'line\nbreak \u00e9 \U0001F600', NULL, NULL, 'null'),
        (5, NULL, NULL, NULL, NULL, '123456789012345678901234567890.123456789012345678901234567890', NULL, NULL, NULL,
            '3.4028235e38', '1.7976931348623157e308', '4713-01-01 BC', NULL, '4713-01-01 00:00:00 BC', '2000-02-29 12:00:00.5+05:30', NULL,
            NULL, NULL, NULL, NULL, NULL, NULL),
        (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            '1.17549435e-38', '4.9e-324', '1900-01-01', NULL, '1999-12-31 23:59:59.999999', NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, NULL),
        (7, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, '2000-01-01', NULL, '294276-12-31 23:59:59.999999', NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, NULL);
        """;

    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("edge", districts: 1, students: 20, batchSize: 3);
        await _f.Districts[0].ExecuteAsync(Edge);
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Boundary_values_arrive_as_themselves_by_both_databases_rendering()
    {
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(_f.Config(), entities: ["dbo.Edge"])).Exit);
        Assert.Null(await _f.Target.ScalarAsync<string>("SELECT string_agg(legacy_key || ': ' || reason, '; ') FROM ferry.quarantine"));

        var legacy = await RenderAsync(_f.Districts[0], "dbo.\"Edge\"", "\"EdgeId\"", Columns.Select(c => (Quoted(c.Legacy), c.Render)));
        var target = await RenderAsync(_f.Target, "dbo.edge", "legacy_edge_id", Columns.Select(c => (Quoted(c.Target), c.Render)));

        Assert.Equal(7, legacy.Count);
        Assert.Equal(legacy.Keys.Order(), target.Keys.Order());
        var differences = legacy.SelectMany(row => Columns.Select((c, i) => (row.Key, c.Legacy, Source: row.Value[i], Target: target[row.Key][i])))
            .Where(d => d.Source != d.Target)
            .Select(d => $"row {d.Key} {d.Legacy}: legacy {d.Source ?? "NULL"}, target {d.Target ?? "NULL"}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Verify_has_parity_over_boundary_values()
    {
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(_f.Config(), entities: ["dbo.Edge"])).Exit);

        var edge = (await Ferry.IntegrationTests.Verification.Verification.RunAsync(_f.Config(), ["dbo.Edge"])).Entity("d001", "dbo.Edge");

        Assert.True(edge.HasParity, string.Join("; ", edge.Samples));
        Assert.Equal((7L, 7L), (edge.SourceRows, edge.TargetRows));
    }

    [Fact]
    public async Task Verify_catches_a_conversion_defect_injected_into_the_load()
    {
        // The defect this toolkit once had: the last representable date written as infinity. It lives in the load's
        // path only; verification reads the target as PostgreSQL stores it, so it must see the change.
        var options = new RunOptions { ValueFault = (column, transfer) => column.Source == "Day" ? new LastDateAsInfinity(transfer) : transfer };
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(_f.Config(), options, ["dbo.Edge"])).Exit);
        Assert.Equal("infinity", await _f.Target.ScalarAsync<string>("SELECT day::text FROM dbo.edge WHERE legacy_edge_id = 1"));

        var edge = (await Ferry.IntegrationTests.Verification.Verification.RunAsync(_f.Config(), ["dbo.Edge"])).Entity("d001", "dbo.Edge");

        Assert.Equal("differs", edge.Status);
        Assert.Equal(1, edge.Changed);
        var sample = Assert.Single(edge.Samples);
        Assert.Equal("1", sample.Key);
        Assert.Equal(["Day"], sample.Columns);
    }

    private static string Quoted(string name) => "\"" + name + "\"";

    private static async Task<Dictionary<int, string?[]>> RenderAsync(TestDatabase db, string table, string key, IEnumerable<(string Column, string Render)> columns)
    {
        var select = string.Join(", ", columns.Select(c => string.Format(System.Globalization.CultureInfo.InvariantCulture, c.Render, c.Column)));
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using (var zone = new NpgsqlCommand("SET TimeZone = 'UTC'; SET extra_float_digits = 3", connection))
        {
            await zone.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand($"SELECT {key}::int, {select} FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<int, string?[]>();
        while (await reader.ReadAsync())
        {
            var values = new string?[reader.FieldCount - 1];
            for (var i = 1; i < reader.FieldCount; i++)
            {
                values[i - 1] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            rows[reader.GetInt32(0)] = values;
        }

        return rows;
    }

    /// <summary>Writes 9999-12-31 as infinity, and every other value as the wrapped transfer does.</summary>
    private sealed class LastDateAsInfinity(ColumnTransfer inner) : ColumnTransfer
    {
        public override object? Boxed => inner.Boxed;

        public override void Read(System.Data.Common.DbDataReader reader, int ordinal)
        {
            inner.Read(reader, ordinal);
            IsNull = inner.IsNull;
        }

        public override void Write(Ferry.Postgres.Target.BinaryCopyWriter writer)
        {
            if (!inner.IsNull && inner.Boxed is PgDate { Days: var days } && days == PgDate.From(DateOnly.MaxValue).Days)
            {
                writer.WriteDate(PgDate.Infinity);
                return;
            }

            inner.Write(writer);
        }

        public override void AppendKey(Ferry.Core.Mapping.CanonicalKey key, Ferry.Core.Model.TextInsensitivity insensitive) => inner.AppendKey(key, insensitive);
    }
}

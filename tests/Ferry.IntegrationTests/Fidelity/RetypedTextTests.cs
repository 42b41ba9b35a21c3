using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Verification;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// A reviewed mapping that retypes text columns converts the text by the documented culture-invariant rules and
/// quarantines only what does not parse, with the original text. Every value that parsed is checked against
/// PostgreSQL's own reading of the same text, so the rules cannot drift from what the database would make of it.
/// </summary>
public sealed class RetypedTextTests
{
    private const string Legacy = """
        CREATE TABLE dbo."Imported" (
            "ImportedId" integer PRIMARY KEY,
            "WhenText" varchar(40), "CountText" varchar(40), "AmountText" varchar(80), "FlagText" varchar(10), "RatioText" varchar(40), "AtText" varchar(40));
        INSERT INTO dbo."Imported" VALUES
            (1, '2024-02-29 13:45:00.123456', '42', '12.50', 'yes', '1.5e3', '23:59:59.999999'),
            (2, '1999-12-31T23:59:59', ' -7 ', '-0.000001', 'F', '-Infinity', '00:00'),
            (3, '2024-02-29', '+2147483647', '99999999999999999999999999999999999999.5', '1', 'NaN', '08:30:15'),
            (4, '31/12/1999', '42', '1', 'yes', '1', '10:00'),
            (5, '2024-01-01 00:00', '2147483648', '1', 'yes', '1', '10:00'),
            (6, '2024-01-01 00:00', '1', '1,5', 'yes', '1', '10:00'),
            (7, '2024-01-01 00:00', '1', '1', 'maybe', '1', '10:00'),
            (8, NULL, NULL, NULL, NULL, NULL, NULL);
        """;

    private static readonly (string Column, string Target, string Type, string Kind)[] Retyped =
    [
        ("WhenText", "when_text", "timestamp(6)", "Timestamp"),
        ("CountText", "count_text", "integer", "Int32"),
        ("AmountText", "amount_text", "numeric(40,1)", "Decimal"),
        ("FlagText", "flag_text", "boolean", "Boolean"),
        ("RatioText", "ratio_text", "double precision", "Double"),
        ("AtText", "at_text", "time(6)", "Time"),
    ];

    [Fact]
    public async Task Retyped_text_converts_by_the_documented_rules_and_agrees_with_postgresql()
    {
        await using var f = await MigrationFixture.CreateAsync("retyped", districts: 1, students: 20, batchSize: 50);
        await f.Districts[0].ExecuteAsync(Legacy);
        var config = f.Config();
        var scaffold = Path.Combine(f.Directory, "scaffold");
        var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], CancellationToken.None);
        await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var mapping = await File.ReadAllTextAsync(mappingPath);
        foreach (var (column, target, type, kind) in Retyped)
        {
            var length = column == "AmountText" ? 80 : column == "FlagText" ? 10 : 40;
            var original = $"  - source: {column}\n    target: {target}\n    sourceType: character varying\n    targetType: varchar({length})\n    kind: Text";
            Assert.Contains(original, mapping);
            // The reviewer also changed the kind: the value the source client returns decides how it is read.
            mapping = mapping.Replace(original, original.Replace($"varchar({length})", type).Replace("kind: Text", $"kind: {kind}"));
        }

        await File.WriteAllTextAsync(mappingPath, mapping);
        var reviewed = f.Config(f.WriteConfig(f.Target, 50, extra: "mapping: scaffold/mapping.yaml", name: "reviewed.yaml"));
        await MigrationFixture.ScaffoldAsync(reviewed, scaffold);

        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(reviewed, entities: ["dbo.Imported"])).Exit);

        Assert.Equal("1,2,3,8", await f.Target.ScalarAsync<string>("SELECT string_agg(legacy_imported_id::text, ',' ORDER BY legacy_imported_id) FROM dbo.imported"));
        Assert.Equal(
            "4 WhenText 31/12/1999; 5 CountText 2147483648; 6 AmountText 1,5; 7 FlagText maybe",
            await f.Target.ScalarAsync<string>(
                "SELECT string_agg(legacy_key || ' ' || column_name || ' ' || (row->>column_name), '; ' ORDER BY legacy_key) FROM ferry.quarantine WHERE reason_code = 'bad_value'"));

        // PostgreSQL reading the legacy text itself must give exactly what the load wrote.
        foreach (var (column, target, type, _) in Retyped)
        {
            var legacy = await f.Districts[0].ScalarAsync<string>(
                $"SET TimeZone = 'UTC'; SELECT string_agg(\"ImportedId\" || '=' || coalesce((trim(\"{column}\")::{type})::text, 'NULL'), ';' ORDER BY \"ImportedId\") FROM dbo.\"Imported\" WHERE \"ImportedId\" IN (1, 2, 3, 8)");
            var loaded = await f.Target.ScalarAsync<string>(
                $"SET TimeZone = 'UTC'; SELECT string_agg(legacy_imported_id || '=' || coalesce({target}::text, 'NULL'), ';' ORDER BY legacy_imported_id) FROM dbo.imported");
            Assert.Equal(legacy, loaded);
        }

        var imported = (await Ferry.IntegrationTests.Verification.Verification.RunAsync(reviewed, ["dbo.Imported"])).Entity("d001", "dbo.Imported");
        Assert.True(imported.HasParity, string.Join("; ", imported.Samples));
    }
}

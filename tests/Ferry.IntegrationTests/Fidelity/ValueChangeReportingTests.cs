using Ferry.Cli.Commands;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Status;
using Ferry.Engine.Verification;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Reports;
using Ferry.IntegrationTests.Verification;
using Ferry.Reports.Writers;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// Values the target cannot hold exactly are changed by the one documented rule (digits below a microsecond
/// truncated), and every value so changed is counted per column where people look: the run's report (JSON and
/// HTML), <c>dm status</c> and <c>dm verify</c>. The values come from a reviewed mapping that retypes text holding
/// seven fractional digits, the one way a PostgreSQL stand-in can carry them.
/// </summary>
public sealed class ValueChangeReportingTests
{
    private const string Legacy = """
        CREATE TABLE dbo."Stamped" ("StampedId" integer PRIMARY KEY, "WhenText" varchar(40), "AtText" varchar(40));
        INSERT INTO dbo."Stamped" VALUES
            (1, '9999-12-31 23:59:59.9999999', '23:59:59.9999999'),
            (2, '2024-02-29 13:45:00.1234567', '08:00:00.1234560'),
            (3, '2024-02-29 13:45:00.123456', '08:00:00'),
            (4, '2024-02-29 13:45:00.0000001', NULL),
            (5, NULL, NULL);
        """;

    [Fact]
    public async Task Values_changed_by_the_documented_rule_are_counted_in_reports_status_and_verify()
    {
        await using var f = await MigrationFixture.CreateAsync("valuechange", districts: 1, students: 10, batchSize: 2);
        await f.Districts[0].ExecuteAsync(Legacy);
        var config = f.Config();
        var scaffold = Path.Combine(f.Directory, "scaffold");
        var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], CancellationToken.None);
        await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var mapping = await File.ReadAllTextAsync(mappingPath);
        foreach (var (column, target, type, kind) in new[] { ("WhenText", "when_text", "timestamp(6)", "Timestamp"), ("AtText", "at_text", "time(6)", "Time") })
        {
            var original = $"  - source: {column}\n    target: {target}\n    sourceType: character varying\n    targetType: varchar(40)\n    kind: Text";
            Assert.Contains(original, mapping);
            mapping = mapping.Replace(original, original.Replace("varchar(40)", type).Replace("kind: Text", $"kind: {kind}"));
        }

        await File.WriteAllTextAsync(mappingPath, mapping);
        var reviewed = f.Config(f.WriteConfig(f.Target, 2, extra: "mapping: scaffold/mapping.yaml", name: "reviewed.yaml"));
        await MigrationFixture.ScaffoldAsync(reviewed, scaffold);

        var run = await MigrationFixture.RunAsync(reviewed, entities: ["dbo.Stamped"]);
        Assert.Equal(RunExit.Completed, run.Exit);

        // The rule itself: truncated, so the last instant of 9999 stays on its day.
        Assert.Equal(
            "9999-12-31 23:59:59.999999 23:59:59.999999",
            await f.Target.ScalarAsync<string>("SELECT when_text::text || ' ' || at_text::text FROM dbo.stamped WHERE legacy_stamped_id = 1"));
        // Rows 1, 2 and 4 lost a 100 ns digit of WhenText; rows 1 and 2 of AtText (08:00:00.1234560 has none to lose).
        ValueChange[] expected = [new("AtText", ValueChange.SubMicrosecondTruncated, 1), new("WhenText", ValueChange.SubMicrosecondTruncated, 3)];

        await using (var source = await AuditSource.OpenAsync(reviewed, run.RunId, CancellationToken.None))
        {
            var report = source!.Report;
            var stamped = report.Entities.Single(e => e.Entity == "dbo.Stamped");
            Assert.Equal(expected, stamped.ValueChanges);
            Assert.Equal(4, stamped.ValuesChanged);

            using var json = new MemoryStream();
            await JsonReport.WriteAsync(report, json, CancellationToken.None);
            var text = System.Text.Encoding.UTF8.GetString(json.ToArray());
            DocumentSchemas.AssertValid("report", text);
            var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            Assert.Equal(4, document["totals"]!["valuesChanged"]!.GetValue<long>());
            var entity = document["entities"]!.AsArray().Single(e => e!["entity"]!.GetValue<string>() == "dbo.Stamped")!;
            Assert.Equal(4, entity["valuesChanged"]!.GetValue<long>());
            Assert.Equal("WhenText", entity["valueChanges"]![1]!["column"]!.GetValue<string>());
            Assert.Equal(3, entity["valueChanges"]![1]!["count"]!.GetValue<long>());

            var html = await HtmlSummary.RenderAsync(report);
            Assert.Contains("id=\"value-changes\"", html);
            Assert.Contains("<td class=\"mono\">WhenText</td><td><span class=\"mono\">sub_microsecond_truncated</span>: digits below a microsecond truncated</td><td class=\"num\">3</td>", html);
        }

        var status = await StatusReader.ReadAsync(reviewed, null, [], CancellationToken.None);
        var row = status.Entities.Single(e => e.Entity == "dbo.Stamped");
        Assert.Equal(expected, row.ValueChanges);
        DocumentSchemas.AssertValid("status", System.Text.Json.JsonSerializer.Serialize(
            StatusDocument.Of(status), new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase }));

        // verify compares after the rule, so the entity has parity, and it still says what the rule changed.
        var verification = await Verification.Verification.RunAsync(reviewed, ["dbo.Stamped"]);
        var verified = verification.Entity("d001", "dbo.Stamped");
        Assert.True(verified.HasParity, string.Join("; ", verified.Samples));
        Assert.Equal(expected, verified.ValueChanges);
        var printed = new StringWriter();
        VerifyCommand.Print(verification, printed);
        Assert.Contains("d001 dbo.Stamped: 4 value(s) stored by the documented rule: AtText 1 (digits below a microsecond truncated), WhenText 3 (digits below a microsecond truncated)", printed.ToString());

        await using (var stored = await AuditSource.OpenAsync(reviewed, verification.VerifyId, CancellationToken.None))
        {
            Assert.Equal(expected, stored!.Report.Entities.Single(e => e.Entity == "dbo.Stamped").ValueChanges);
        }
    }
}

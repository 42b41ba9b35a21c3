using System.Text;
using System.Text.Json;
using Ferry.Core.Reconciliation;
using Ferry.Reports.Writers;

namespace Ferry.IntegrationTests.Reports;

/// <summary>The delta parts of a report model, rendered to the summary page and to report.json. No database.</summary>
public sealed class DeltaSummaryPageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static AuditReport Delta(bool rolledBack = false) => new()
    {
        Kind = AuditKind.Run,
        RunKind = "delta",
        Id = Guid.Parse("0193a5d0-0000-7000-8000-000000000001"),
        State = "completed",
        StartedAt = Start,
        FinishedAt = Start.AddSeconds(4),
        Districts = ["d001", "d002"],
        Entities = [],
        Deltas =
        [
            new AuditDelta("d001", "120", "345", Start.AddSeconds(2), rolledBack,
            [
                new AuditDeltaEntity("dbo.Attendance", 0, 0, 2, 2, 0, 0, 0),
                new AuditDeltaEntity("dbo.Student", 3, 5, 1, 0, 4, 1, 2),
            ]),
            new AuditDelta("d002", "77", "77", Start.AddSeconds(3), false, []),
        ],
        CutOvers = [new AuditCutOver("d002", Start.AddDays(-1), "77", Guid.Parse("0193a5d0-0000-7000-8000-000000000002"))],
        Purges = [new AuditPurge("d002", Start.AddHours(-3), Start.AddDays(-2), """{"Kinds":{"before_image":{"Rows":12,"Checksum":"abc123"}}}""")],
    };

    [Fact]
    public async Task Summary_page_of_a_delta_lists_each_district_s_changes_positions_cutover_and_purge()
    {
        var html = await RenderAsync(Delta());

        Assert.Contains("Ferry · delta report", html);
        Assert.Contains("The delta completed: 3 rows inserted, 5 updated, 3 deleted, 2 quarantined, 4 loaded from the quarantine and 3 conflict(s) in 2 of 2 district(s).", html);
        Assert.Contains("changes after position 120 up to 345", html);
        Assert.Contains("<tr data-entity=\"dbo.Student\"><td class=\"entity\">dbo.Student</td><td class=\"num\">3</td><td class=\"num\">5</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">4</td><td class=\"num\">1</td><td class=\"num\">2</td></tr>", html);
        Assert.Contains("No legacy change since the previous position.", html);
        Assert.Contains("District d002 was cut over at 2026-11-29 06:00:00 UTC with change position 77", html);
        Assert.Contains("personal data kept from before 2026-11-28 06:00:00 UTC purged at 2026-11-30 03:00:00 UTC: before image 12 row(s) (md5 abc123)", html);
        Assert.DoesNotContain("rolled back</span>", html);
        Assert.Contains("rolled back</span>", await RenderAsync(Delta(rolledBack: true)));
    }

    [Fact]
    public async Task Summary_page_of_a_load_says_whether_deltas_can_follow_it()
    {
        var report = Delta() with
        {
            RunKind = "run",
            Deltas = [],
            CutOvers = [],
            Purges = [],
            ChangeCapture = [new AuditChangeCapture("d001", true, "120"), new AuditChangeCapture("d002", false, null)],
        };

        var html = await RenderAsync(report);

        Assert.Contains("District d001: deltas enabled; the first delta applies the changes after position 120.", html);
        Assert.Contains("District d002: change capture was off for at least one load; deltas will refuse the district until it is reloaded.", html);
        Assert.DoesNotContain("delta report", html);
    }

    [Fact]
    public async Task Report_json_of_a_delta_matches_the_report_schema_and_sums_each_district()
    {
        using var stream = new MemoryStream();
        await JsonReport.WriteAsync(Delta(), stream, CancellationToken.None);
        var json = Encoding.UTF8.GetString(stream.ToArray());

        DocumentSchemas.AssertValid("report", json);
        using var document = JsonDocument.Parse(json);
        var d001 = document.RootElement.GetProperty("deltas")[0];
        Assert.Equal((3, 5, 3, 3), (d001.GetProperty("inserted").GetInt64(), d001.GetProperty("updated").GetInt64(), d001.GetProperty("deleted").GetInt64(), d001.GetProperty("conflicts").GetInt64()));
        Assert.Equal(12, document.RootElement.GetProperty("purges")[0].GetProperty("summary").GetProperty("Kinds").GetProperty("before_image").GetProperty("Rows").GetInt64());
    }

    private static Task<string> RenderAsync(AuditReport report) => HtmlSummary.RenderAsync(report);
}

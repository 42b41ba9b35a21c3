using System.Text;
using Ferry.Core.Reconciliation;
using Ferry.Reports;
using Ferry.Reports.Sinks;
using Ferry.Reports.Writers;

namespace Ferry.IntegrationTests.Reports;

/// <summary>The report files from a report model alone: no database, a local directory sink.</summary>
public sealed class ReportWritersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-reports-").FullName;

    private static AuditReport Report(params AuditEntity[] entities) => new()
    {
        Kind = AuditKind.Verify,
        Id = Guid.Parse("01a20000-0000-7000-8000-000000000001"),
        State = "differs",
        StartedAt = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 24, 4, 0, 2, TimeSpan.Zero),
        Districts = ["d<1>"],
        RowsRead = 10,
        Entities = entities,
        Reasons = [new AuditReason("rejected", "orphan", 3)],
    };

    private static AuditEntity Entity(string name, string status = "pass") => new()
    {
        District = "d<1>",
        Entity = name,
        Source = 5,
        Target = 5,
        Missing = 0,
        Extra = 0,
        Changed = status == "pass" ? 0 : 1,
        ChecksumSource = "00ff",
        ChecksumTarget = status == "pass" ? "00ff" : "00fe",
        Status = status,
        Samples = status == "pass" ? [] : [new RowDifference(DifferenceKind.Changed, "<img src=x onerror=alert(1)>", ["=cmd|' /C calc'!A0"])],
    };

    [Fact]
    public async Task Html_encodes_every_value_from_the_data()
    {
        var html = await HtmlSummary.RenderAsync(Report(Entity("dbo.<script>alert(1)</script>", "differs")));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("dbo.&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("class=\"verdict fail\">FAIL<", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task Csv_escapes_formulas_and_quotes_what_needs_quoting()
    {
        var stream = new MemoryStream();
        await DistrictCsv.WriteAsync(Report(Entity("=HYPERLINK(\"x\")"), Entity("dbo.A,B")), "d<1>", stream, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("entity,source,target,quarantined,missing,extra,changed,checksum_source,checksum_target,status", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\")\",5,5,0,0,0,0,00ff,00ff,pass", lines[1]);
        Assert.StartsWith("\"dbo.A,B\",", lines[2]);
    }

    [Fact]
    public async Task Publisher_writes_the_layout_with_a_safe_file_name_per_district()
    {
        var sink = new LocalDirectorySink(_directory);
        var report = Report(Entity("dbo.Student"));

        var published = await ReportPublisher.PublishAsync(report, new NoDetails(), sink, CancellationToken.None);
        var files = await sink.ListAsync(published.Prefix, TimeSpan.FromHours(1), CancellationToken.None);

        var prefix = $"runs/{report.Id}/";
        Assert.Equal([$"{prefix}districts/d_1_.csv", $"{prefix}log.ndjson", $"{prefix}quarantine.csv", $"{prefix}report.json", $"{prefix}summary.html"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.True(File.Exists(f.Link)));
        Assert.Equal("quarantine_id,at,run_id,district,entity,batch,legacy_key,id,action,reason_code,column,reason,row\r\n", File.ReadAllText(Path.Combine(_directory, prefix, "quarantine.csv")));
        Assert.Equal($"{prefix}summary.html", published.SummaryPath);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class NoDetails : IAuditDetails
    {
        public IAsyncEnumerable<AuditEvent> EventsAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<AuditEvent>();

        public IAsyncEnumerable<QuarantineRecord> QuarantineAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<QuarantineRecord>();
    }
}

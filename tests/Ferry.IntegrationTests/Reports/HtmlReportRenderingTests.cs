using System.Text.RegularExpressions;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// The summary page as an auditor sees it: written to a local reports directory, opened in headless Chromium,
/// and checked on the DOM the browser built, for a run, a verification that passes and one that does not; and
/// laid out at a desktop and a phone width (screenshots of both, no sideways scrolling, every internal link lands
/// on an element, every other link is a file of the report). Screenshots go to <c>FERRY_SCREENSHOTS</c> when set.
/// </summary>
public sealed partial class HtmlReportRenderingTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private string _reports = "";
    private Guid _runId;

    public async Task InitializeAsync()
    {
        _ = HeadlessChromium.Executable;
        _f = await MigrationFixture.CreateAsync("htmlreport", districts: 1, students: 200, batchSize: 100, extra: "reports:\n  directory: reports");
        _reports = Path.Combine(_f.Directory, "reports");
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
        Assert.Equal(0, (await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath)).ExitCode);
        _runId = await _f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Passing_verification_renders_a_pass_verdict_and_every_entity()
    {
        var verify = await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var page = Path.Combine(_reports, "runs", await VerifyIdAsync(), "summary.html");
        Assert.Contains($"report: {page}", verify.Stdout);

        var dom = await HeadlessChromium.DumpDomAsync(page);

        Assert.Matches("<div id=\"verdict\" class=\"verdict pass\">PASS</div>", dom);
        Assert.Contains("<title>Ferry verification ", dom);
        var rows = EntityRow().Matches(dom);
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal("pass", r.Groups["status"].Value));
        Assert.Contains("dbo.StudentSchoolAssociation", rows.Select(r => r.Groups["entity"].Value));
        var orphans = DistrictSchema.Orphans(200) + DistrictSchema.EnrollmentOrphans(200);
        Assert.Contains($"<tr data-reason=\"orphan\"><td>rejected</td><td class=\"mono\">orphan</td><td class=\"num\">{orphans}</td></tr>", dom);
        Assert.Contains("No differences: every row compared equal.", dom);
        Assert.Matches("id=\"card-throughput\"><div class=\"label\">Rows per second</div><div class=\"value\">[0-9,]+</div>", dom);
        Assert.DoesNotContain("id=\"attention\"", dom);
        Assert.Contains("The row refers to a parent row that does not exist in the legacy database.", dom);
        await AssertLaysOutAsync(page, "report-pass");
    }

    [Fact]
    public async Task Differing_verification_puts_the_failure_first_and_shows_both_values()
    {
        var legacy = await _f.Districts[0].ScalarAsync<string>("SELECT \"FirstName\" FROM dbo.\"Student\" WHERE \"StudentId\" = 42");
        await _f.Target.ExecuteAsync("UPDATE dbo.student SET first_name = 'Mallory' WHERE legacy_student_id = 42");
        var verify = await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath);
        Assert.Equal(1, verify.ExitCode);
        var page = Path.Combine(_reports, "runs", await VerifyIdAsync(), "summary.html");

        var dom = await HeadlessChromium.DumpDomAsync(page);

        Assert.Matches("<div id=\"verdict\" class=\"verdict fail\">FAIL</div>", dom);
        var rows = EntityRow().Matches(dom);
        Assert.Equal("dbo.Student", rows[0].Groups["entity"].Value);
        Assert.Equal("differs", rows[0].Groups["status"].Value);
        Assert.Equal(6, rows.Skip(1).Count(r => r.Groups["status"].Value == "pass"));
        Assert.Contains("<a href=\"#e-d001-dbo-student\">dbo.Student</a> 1 changed", dom);
        Assert.True(dom.IndexOf("id=\"attention\"", StringComparison.Ordinal) < dom.IndexOf("id=\"districts\"", StringComparison.Ordinal));
        Assert.Contains(
            "<tr class=\"difference\" data-kind=\"changed\" id=\"x-d001-dbo-student\"><td>d001</td><td class=\"entity\"><a href=\"#e-d001-dbo-student\">dbo.Student</a></td>"
            + "<td><span class=\"badge fail\">changed</span></td><td class=\"mono key\">42</td><td class=\"mono\">FirstName</td>"
            + $"<td class=\"values\"><div class=\"pair\"><span class=\"col mono\">FirstName</span><span><span class=\"legacy mono\">{legacy}</span><br><span class=\"target mono\">Mallory</span></span></div></td></tr>",
            dom);
        Assert.Contains("1 of 7 entity results differ: 0 missing, 0 extra, 1 changed.", dom);
        await AssertLaysOutAsync(page, "report-fail");
    }

    [Fact]
    public async Task Run_report_before_any_verification_says_not_verified_never_pass()
    {
        var page = Path.Combine(_reports, "runs", _runId.ToString(), "summary.html");

        var dom = await HeadlessChromium.DumpDomAsync(page);

        Assert.Contains("<div id=\"verdict\" class=\"verdict unverified\">NOT VERIFIED</div>", dom);
        Assert.DoesNotContain("class=\"verdict pass\"", dom);
        Assert.DoesNotContain("PASS", dom);
        Assert.All(EntityRow().Matches(dom), r => Assert.Equal("loaded", r.Groups["status"].Value));
        Assert.Contains("id=\"rate-chart\"", dom);
        await AssertLaysOutAsync(page, "report-run");
    }

    [Fact]
    public async Task Run_report_written_again_after_a_verification_carries_its_verdict()
    {
        Assert.Equal(0, (await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath)).ExitCode);
        var verifyId = await VerifyIdAsync();

        var rewrite = await DmProcess.RunAsync(_f.Directory, "reports", "--config", _f.ConfigPath, "--run", _runId.ToString(), "--rewrite");

        Assert.True(rewrite.ExitCode == 0, rewrite.Stdout + rewrite.Stderr);
        var dom = await HeadlessChromium.DumpDomAsync(Path.Combine(_reports, "runs", _runId.ToString(), "summary.html"));
        Assert.Contains("<div id=\"verdict\" class=\"verdict pass\">PASS</div>", dom);
        Assert.Contains($"Verification {verifyId} found parity for every entity this run loaded.", dom);
    }

    private Task AssertLaysOutAsync(string page, string name) => ReportLayoutChecks.AssertLaysOutAsync(page, name, _f.Directory);

    private async Task<string> VerifyIdAsync() =>
        (await _f.Target.ScalarAsync<Guid>("SELECT verify_id FROM ferry.verify ORDER BY started_at DESC LIMIT 1")).ToString();

    [GeneratedRegex("<tr data-entity=\"(?<entity>[^\"]+)\" data-status=\"(?<status>[^\"]+)\">")]
    private static partial Regex EntityRow();
}

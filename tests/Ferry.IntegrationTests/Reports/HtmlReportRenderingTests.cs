using System.Text.RegularExpressions;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// The summary page as an auditor sees it: written to a local reports directory, opened in headless Chromium,
/// and checked on the DOM the browser built, for a verification that passes and for one that does not.
/// </summary>
public sealed partial class HtmlReportRenderingTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private string _reports = "";

    public async Task InitializeAsync()
    {
        _ = HeadlessChromium.Executable;
        _f = await MigrationFixture.CreateAsync("htmlreport", districts: 1, students: 200, batchSize: 100, extra: "reports:\n  directory: reports");
        _reports = Path.Combine(_f.Directory, "reports");
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
        Assert.Equal(0, (await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath)).ExitCode);
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
    }

    [Fact]
    public async Task Differing_verification_renders_a_fail_verdict_with_the_difference()
    {
        await _f.Target.ExecuteAsync("UPDATE dbo.student SET first_name = 'Mallory' WHERE legacy_student_id = 42");
        var verify = await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath);
        Assert.Equal(1, verify.ExitCode);
        var page = Path.Combine(_reports, "runs", await VerifyIdAsync(), "summary.html");

        var dom = await HeadlessChromium.DumpDomAsync(page);

        Assert.Matches("<div id=\"verdict\" class=\"verdict fail\">FAIL</div>", dom);
        var student = EntityRow().Matches(dom).Single(r => r.Groups["entity"].Value == "dbo.Student");
        Assert.Equal("differs", student.Groups["status"].Value);
        Assert.Matches("<tr class=\"difference\" data-kind=\"changed\"><td>d001</td><td class=\"entity\">dbo.Student</td><td><span class=\"badge fail\">changed</span></td><td class=\"mono key\">42</td><td class=\"mono\">FirstName</td></tr>", dom);
        Assert.Contains("1 of 7 entity results differ: 0 missing, 0 extra, 1 changed.", dom);
    }

    private async Task<string> VerifyIdAsync() =>
        (await _f.Target.ScalarAsync<Guid>("SELECT verify_id FROM ferry.verify ORDER BY started_at DESC LIMIT 1")).ToString();

    [GeneratedRegex("<tr data-entity=\"(?<entity>[^\"]+)\" data-status=\"(?<status>[^\"]+)\">")]
    private static partial Regex EntityRow();
}

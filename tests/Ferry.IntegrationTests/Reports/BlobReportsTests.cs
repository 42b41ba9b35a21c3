using System.Net;
using System.Text.Json;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// A clean run and its verification through the <c>dm</c> tool, with reports going to the real Azurite emulator:
/// the files are in the container under runs/{id}/ and download through the SAS links <c>dm reports</c> prints.
/// </summary>
public sealed class BlobReportsTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly string _container = ReportStorage.NewContainer("ferry-it");
    private MigrationFixture _f = null!;
    private DmProcess.Result _run = null!;
    private DmProcess.Result _verify = null!;
    private Guid _runId;
    private Guid _verifyId;

    public async Task InitializeAsync()
    {
        _ = ReportStorage.Connection();
        _f = await MigrationFixture.CreateAsync("blobreports", districts: 2, students: 200, batchSize: 70, extra: ReportStorage.Section(_container));
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
        _run = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath);
        _verify = await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath, "--json", "verify.json");
        _runId = await _f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");
        _verifyId = await _f.Target.ScalarAsync<Guid>("SELECT verify_id FROM ferry.verify");
    }

    public async Task DisposeAsync()
    {
        await ReportStorage.DeleteAsync(_container);
        await _f.DisposeAsync();
    }

    [Fact]
    public void Run_and_verify_exit_zero_and_print_the_report_link()
    {
        Assert.True(_run.ExitCode == 0, _run.Stdout + _run.Stderr);
        Assert.True(_verify.ExitCode == 0, _verify.Stdout + _verify.Stderr);
        Assert.Contains("parity: every entity has parity", _verify.Stdout);
        Assert.Contains("rows/s", _verify.Stdout);
        Assert.Contains($"report: http://127.0.0.1:", _verify.Stdout);
        Assert.Contains($"/{_container}/runs/{_verifyId}/summary.html?", _verify.Stdout);
        Assert.Contains($"/{_container}/runs/{_runId}/summary.html?", _run.Stdout);
    }

    [Fact]
    public async Task Verify_json_option_writes_the_report_document_with_its_samples()
    {
        using var local = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_f.Directory, "verify.json")));
        var listing = await DmProcess.RunAsync(_f.Directory, "reports", "--config", _f.ConfigPath, "--run", _verifyId.ToString());
        using var stored = JsonDocument.Parse(await Http.GetStringAsync(ReportStorage.Links(listing.Stdout)[$"runs/{_verifyId}/report.json"]));

        Assert.Equal(_verifyId, local.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(
            stored.RootElement.GetProperty("entities").GetRawText(),
            local.RootElement.GetProperty("entities").GetRawText());
        Assert.All(local.RootElement.GetProperty("entities").EnumerateArray(), e => Assert.Equal(0, e.GetProperty("samples").GetArrayLength()));
    }

    [Fact]
    public async Task Reports_of_the_run_and_of_the_verification_are_in_the_container()
    {
        string[] expected = ["districts/d001.csv", "districts/d002.csv", "log.ndjson", "quarantine.csv", "report.json", "summary.html"];
        foreach (var id in new[] { _runId, _verifyId })
        {
            var names = await ReportStorage.BlobNamesAsync(_container, $"runs/{id}/");
            Assert.Equal(expected.Select(e => $"runs/{id}/{e}"), names.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Verify_reports_download_through_their_sas_links_with_the_expected_content()
    {
        var listing = await DmProcess.RunAsync(_f.Directory, "reports", "--config", _f.ConfigPath, "--run", _verifyId.ToString(), "--expires", "2h");
        Assert.True(listing.ExitCode == 0, listing.Stdout + listing.Stderr);
        var links = ReportStorage.Links(listing.Stdout);
        Assert.Equal(6, links.Count);
        Assert.All(links.Values, l => Assert.Contains("sig=", l));
        Assert.All(links.Values, l => Assert.Contains("sp=r", l));

        var html = await Http.GetStringAsync(links[$"runs/{_verifyId}/summary.html"]);
        Assert.Contains("<div id=\"verdict\" class=\"verdict pass\">PASS</div>", html);

        using var json = JsonDocument.Parse(await Http.GetStringAsync(links[$"runs/{_verifyId}/report.json"]));
        Assert.Equal("verify", json.RootElement.GetProperty("kind").GetString());
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(14, entities.Count);
        Assert.All(entities, e => Assert.Equal("pass", e.GetProperty("status").GetString()));
        Assert.All(entities, e => Assert.Equal(e.GetProperty("checksumSource").GetString(), e.GetProperty("checksumTarget").GetString()));

        var csv = (await Http.GetStringAsync(links[$"runs/{_verifyId}/districts/d001.csv"])).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("entity,source,target,quarantined,missing,extra,changed,checksum_source,checksum_target,status", csv[0]);
        Assert.Equal(8, csv.Length);
        var student = csv.Single(l => l.StartsWith("dbo.Student,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["dbo.Student", "200", "200", "0", "0", "0", "0"], student[..7]);
        Assert.Equal(student[7], student[8]);
        Assert.Matches("^[0-9a-f]{32}$", student[7]);
        Assert.Equal("pass", student[9]);

        var log = (await Http.GetStringAsync(links[$"runs/{_verifyId}/log.ndjson"])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, log.Length);
        Assert.Equal("verify_started", JsonDocument.Parse(log[0]).RootElement.GetProperty("event").GetString());
        Assert.Equal("verify_finished", JsonDocument.Parse(log[^1]).RootElement.GetProperty("event").GetString());

        var quarantine = (await Http.GetStringAsync(links[$"runs/{_verifyId}/quarantine.csv"])).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("quarantine_id,at,run_id,district,entity,batch,legacy_key,id,action,reason_code,column,reason,row", quarantine[0]);
        Assert.Equal(await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.quarantine"), quarantine.Length - 1);
    }

    [Fact]
    public async Task Run_reports_come_from_the_run_and_its_batches()
    {
        var listing = await DmProcess.RunAsync(_f.Directory, "reports", "--config", _f.ConfigPath, "--run", _runId.ToString());
        Assert.True(listing.ExitCode == 0, listing.Stdout + listing.Stderr);
        var links = ReportStorage.Links(listing.Stdout);

        using var json = JsonDocument.Parse(await Http.GetStringAsync(links[$"runs/{_runId}/report.json"]));
        Assert.Equal("run", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("completed", json.RootElement.GetProperty("state").GetString());
        var loaded = await MigrationFixture.CountAsync(_f.Target, "SELECT (SELECT count(*) FROM dbo.student) + (SELECT count(*) FROM dbo.attendance)");
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(loaded, entities.Where(e => e.GetProperty("entity").GetString() is "dbo.Student" or "dbo.Attendance").Sum(e => e.GetProperty("target").GetInt64()));
        Assert.All(entities, e => Assert.Equal("loaded", e.GetProperty("status").GetString()));

        var log = (await Http.GetStringAsync(links[$"runs/{_runId}/log.ndjson"])).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal("run_started", log[0]);
        Assert.Equal("run_finished", log[^1]);
        Assert.Equal(await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.batch WHERE state = 'done'"), log.Count(e => e == "batch_committed"));

        var quarantine = (await Http.GetStringAsync(links[$"runs/{_runId}/quarantine.csv"])).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.quarantine"), quarantine.Length - 1);
        Assert.Contains(quarantine, l => l.Contains(",orphan,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_without_its_signature_is_refused()
    {
        var listing = await DmProcess.RunAsync(_f.Directory, "reports", "--config", _f.ConfigPath, "--run", _verifyId.ToString());
        var link = ReportStorage.Links(listing.Stdout)[$"runs/{_verifyId}/summary.html"];
        using var unsigned = await Http.GetAsync(link.Split('?')[0]);
        Assert.False(unsigned.IsSuccessStatusCode);
        Assert.True(unsigned.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, unsigned.StatusCode.ToString());
    }
}

using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// Report storage that is down or misconfigured must not cost the run: one clear line, the data committed, exit 5,
/// and <c>dm reports --rewrite</c> writes the same reports later from the target's own tables.
/// </summary>
public sealed class ReportFailureTests : IAsyncLifetime
{
    private readonly string _container = ReportStorage.NewContainer("ferry-fail");
    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _ = ReportStorage.Connection();
        _f = await MigrationFixture.CreateAsync("reportfail", districts: 1, students: 150, batchSize: 100);
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
    }

    public async Task DisposeAsync()
    {
        await ReportStorage.DeleteAsync(_container);
        await _f.DisposeAsync();
    }

    [Fact]
    public async Task Azurite_not_running_keeps_the_run_committed_and_rewrite_writes_the_reports_later()
    {
        var down = _f.WriteConfig(_f.Target, 100, ReportStorage.Section(_container, ReportStorage.Unreachable()), "down.yaml");

        var run = await DmProcess.RunAsync(_f.Directory, "run", "--config", down);

        Assert.True(run.ExitCode == 5, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: reports not written (", error);
        Assert.Contains("unreachable", error);
        Assert.Contains("the run's data is committed", error);
        Assert.Contains("--rewrite`", error);
        Assert.DoesNotContain("AccountKey", error);
        await AssertCommittedAndRewritableAsync();
    }

    [Fact]
    public async Task Wrong_container_name_keeps_the_run_committed_and_rewrite_writes_the_reports_later()
    {
        var wrong = _f.WriteConfig(_f.Target, 100, ReportStorage.Section("Not_A_Container"), "wrong.yaml");

        var run = await DmProcess.RunAsync(_f.Directory, "run", "--config", wrong);

        Assert.True(run.ExitCode == 5, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("container Not_A_Container", error);
        Assert.Contains("InvalidResourceName", error);
        Assert.Contains("--rewrite`", error);
        await AssertCommittedAndRewritableAsync();
    }

    [Fact]
    public async Task Verify_with_storage_down_still_proves_parity_and_exits_5()
    {
        Assert.Equal(0, (await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath)).ExitCode);
        var down = _f.WriteConfig(_f.Target, 100, ReportStorage.Section(_container, ReportStorage.Unreachable()), "down.yaml");

        var verify = await DmProcess.RunAsync(_f.Directory, "verify", "--config", down);

        Assert.True(verify.ExitCode == 5, $"exit {verify.ExitCode}\n{verify.Stdout}\n{verify.Stderr}");
        Assert.Contains("parity: every entity has parity", verify.Stdout);
        Assert.Contains("the verification's data is committed", verify.Stderr);
    }

    [Fact]
    public async Task Reports_of_an_unknown_run_are_a_usage_error()
    {
        var good = _f.WriteConfig(_f.Target, 100, ReportStorage.Section(_container), "good.yaml");

        var rewrite = await DmProcess.RunAsync(_f.Directory, "reports", "--config", good, "--run", Guid.NewGuid().ToString(), "--rewrite");
        var list = await DmProcess.RunAsync(_f.Directory, "reports", "--config", good, "--run", Guid.NewGuid().ToString());
        var notAnId = await DmProcess.RunAsync(_f.Directory, "reports", "--config", good, "--run", "yesterday");

        Assert.Equal(2, rewrite.ExitCode);
        Assert.Contains("no run or verification", rewrite.Stderr);
        Assert.Equal(2, list.ExitCode);
        Assert.Contains("no run or verification with this id", list.Stderr);
        Assert.Equal(2, notAnId.ExitCode);
    }

    private async Task AssertCommittedAndRewritableAsync()
    {
        Assert.Equal("completed", await _f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        Assert.Equal(150, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM dbo.student"));
        var runId = await _f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");
        Assert.Empty(await ReportStorage.BlobNamesAsync(_container, "runs/").ContinueWith(t => t.IsFaulted ? [] : t.Result));

        var good = _f.WriteConfig(_f.Target, 100, ReportStorage.Section(_container), "good.yaml");
        var rewrite = await DmProcess.RunAsync(_f.Directory, "reports", "--config", good, "--run", runId.ToString(), "--rewrite");

        Assert.True(rewrite.ExitCode == 0, $"exit {rewrite.ExitCode}\n{rewrite.Stdout}\n{rewrite.Stderr}");
        var links = ReportStorage.Links(rewrite.Stdout);
        Assert.Equal(5, links.Count);
        using var http = new HttpClient();
        var html = await http.GetStringAsync(links[$"runs/{runId}/summary.html"]);
        Assert.Contains("class=\"verdict unverified\">NOT VERIFIED<", html);
    }
}

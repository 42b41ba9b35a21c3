using Ferry.Dashboard;
using PuppeteerSharp;

namespace Ferry.IntegrationTests.Dashboard;

/// <summary>The dashboard in headless Chromium, over a stand-in of the API's run routes (<see cref="DashboardHost"/>).</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Operator_starts_a_run_from_the_page_watches_it_complete_and_opens_its_report()
    {
        var token = DashboardHost.TokenFor("olivia", "Migration.Operator");
        await using var host = await DashboardHost.StartAsync(token, new DashboardOptions { DevelopmentSignIn = true });
        await using var browser = await DashboardBrowser.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await SignInAsync(page, token);
        Assert.Contains("olivia (Migration.Operator)", await page.EvaluateExpressionAsync<string>("document.getElementById('who').textContent"));
        await page.ClickAsync("#start-run");
        await page.WaitForSelectorAsync("tr[data-run='run-1']");
        Assert.Equal(["run-1"], host.Started);

        await page.ClickAsync("tr[data-run='run-1']");
        await page.WaitForFunctionAsync("() => document.querySelector(\"tr[data-run='run-1'] td:nth-child(2)\")?.textContent === 'Completed'", new WaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('#entities tbody')?.children.length === 3 && [...document.querySelectorAll('#entities tbody tr')].every(r => r.children[2].textContent === 'loaded')", new WaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal("100", await page.EvaluateExpressionAsync<string>("document.querySelector(\"#districts tr[data-district='d001'] [role=progressbar]\").getAttribute('aria-valuenow')"));
        Assert.Equal("303 / 303 (100%) rows, 42 rows/s over the last 10 s, ETA 0:00", await page.EvaluateExpressionAsync<string>("document.getElementById('overall').textContent"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("[...document.querySelectorAll('#run-actions button')].some(b => b.textContent === 'Roll back')"));
        if (Environment.GetEnvironmentVariable("FERRY_SCREENSHOTS") is { Length: > 0 } shots)
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 720 });
            await page.ScreenshotAsync(Path.Combine(shots, "dashboard.png"), new ScreenshotOptions { FullPage = true });
        }

        await page.EvaluateExpressionAsync("[...document.querySelectorAll('#run-actions button')].find(b => b.textContent === 'Reports').click()");
        await page.WaitForSelectorAsync("#report-links a");
        var link = await page.EvaluateExpressionAsync<string>("document.querySelector('#report-links a').href");
        Assert.EndsWith("/files/run-1/summary.html", link);
        await using var report = await browser.NewPageAsync();
        var response = await report.GoToAsync(link);
        Assert.True(response.Ok);
        Assert.Equal("report run-1", await report.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent"));
    }

    [Fact]
    public async Task Auditor_sees_runs_and_reports_but_no_operator_buttons()
    {
        var token = DashboardHost.TokenFor("ada", "Migration.Auditor");
        await using var host = await DashboardHost.StartAsync(token, new DashboardOptions { DevelopmentSignIn = true });
        await using var browser = await DashboardBrowser.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await SignInAsync(page, token);

        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('start-run').hidden"));
    }

    [Fact]
    public async Task Page_says_why_when_the_api_refuses_the_token()
    {
        await using var host = await DashboardHost.StartAsync("the-real-token", new DashboardOptions { DevelopmentSignIn = true });
        await using var browser = await DashboardBrowser.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await SignInAsync(page, DashboardHost.TokenFor("mallory", "Migration.Operator"));

        await page.WaitForFunctionAsync("() => document.getElementById('notice').textContent.includes('401')");
    }

    private static async Task SignInAsync(IPage page, string token)
    {
        await page.WaitForSelectorAsync("#dev-signin:not([hidden])");
        await page.TypeAsync("#dev-token", token);
        await page.ClickAsync("#dev-signin button");
        await page.WaitForSelectorAsync("#app:not([hidden])");
    }
}

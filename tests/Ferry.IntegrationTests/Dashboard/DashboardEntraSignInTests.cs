using Ferry.Dashboard;
using PuppeteerSharp;

namespace Ferry.IntegrationTests.Dashboard;

/// <summary>
/// Sign-in with Microsoft Entra ID end to end in headless Chromium: the page's bundled MSAL.js against a local
/// OpenID Connect authority laid out as Entra ID (<see cref="LocalOpenIdAuthority"/>), and the API's own bearer check
/// configured as an operator configures it for Entra ID (<see cref="DashboardHost.StartWithEntraAsync"/>).
/// </summary>
public sealed class DashboardEntraSignInTests
{
    [Fact]
    public async Task Operator_signs_in_through_the_popup_and_the_api_accepts_the_token_to_start_a_run()
    {
        await using var authority = await LocalOpenIdAuthority.StartAsync();
        authority.User = ("Olivia Operator", ["Migration.Operator"]);
        await using var host = await StartHostAsync(authority);
        await using var browser = await DashboardBrowser.LaunchAsync("--ignore-certificate-errors");
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        var popup = await SignInAsync(page);

        Assert.Equal("Olivia Operator (Migration.Operator)", await TextAsync(page, "who"));
        Assert.Equal(1, authority.Redeemed);
        await popup.Opened.WaitAsync(TimeSpan.FromSeconds(30));
        await popup.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('start-run').hidden"));
        await page.ClickAsync("#start-run");
        await page.WaitForFunctionAsync("() => document.getElementById('notice').textContent !== ''");
        Assert.Equal("run run-1 started", await TextAsync(page, "notice"));
        await page.WaitForSelectorAsync("tr[data-run='run-1']");
        Assert.Equal(["run-1"], host.Started);
    }

    [Fact]
    public async Task Auditor_signs_in_sees_the_runs_the_api_lists_and_no_operator_button()
    {
        await using var authority = await LocalOpenIdAuthority.StartAsync();
        authority.User = ("Ada Auditor", ["Migration.Auditor"]);
        await using var host = await StartHostAsync(authority);
        host.AddRun();
        await using var browser = await DashboardBrowser.LaunchAsync("--ignore-certificate-errors");
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await SignInAsync(page);

        Assert.Equal("Ada Auditor (Migration.Auditor)", await TextAsync(page, "who"));
        await page.WaitForSelectorAsync("tr[data-run='run-1']");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('start-run').hidden"));
        Assert.Equal("", await TextAsync(page, "notice"));
    }

    [Fact]
    public async Task Token_signed_by_a_key_the_authority_does_not_publish_is_refused_and_the_page_says_why()
    {
        await using var authority = await LocalOpenIdAuthority.StartAsync();
        authority.User = ("Mallory", ["Migration.Operator"]);
        authority.SignWithUnpublishedKey = true;
        await using var host = await StartHostAsync(authority);
        host.AddRun();
        await using var browser = await DashboardBrowser.LaunchAsync("--ignore-certificate-errors");
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await SignInAsync(page);

        await page.WaitForFunctionAsync("() => document.getElementById('notice').textContent !== ''");
        Assert.Equal("the bearer token is not valid here (expired, wrong audience or issuer, or bad signature)", await TextAsync(page, "notice"));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#runs tbody tr').length"));
    }

    [Fact]
    public async Task Reloaded_page_stays_signed_in_from_the_msal_cache_without_another_sign_in()
    {
        await using var authority = await LocalOpenIdAuthority.StartAsync();
        authority.User = ("Ada Auditor", ["Migration.Auditor"]);
        await using var host = await StartHostAsync(authority);
        host.AddRun();
        await using var browser = await DashboardBrowser.LaunchAsync("--ignore-certificate-errors");
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");
        await SignInAsync(page);

        await page.ReloadAsync();

        await page.WaitForSelectorAsync("tr[data-run='run-1']");
        Assert.Equal("Ada Auditor (Migration.Auditor)", await TextAsync(page, "who"));
        Assert.Equal(1, authority.Redeemed);
    }

    [Fact]
    public async Task Page_offers_only_the_entra_sign_in_outside_a_local_host()
    {
        await using var authority = await LocalOpenIdAuthority.StartAsync();
        await using var host = await StartHostAsync(authority);
        await using var browser = await DashboardBrowser.LaunchAsync("--ignore-certificate-errors");
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(host.Url + "/");

        await EntraButtonAsync(page);

        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('dev-signin').hidden"));
        Assert.Equal(0, authority.Redeemed);
    }

    /// <summary>
    /// The dashboard and the API configured for the authority with the settings an operator sets for Entra ID: the
    /// dashboard's client id, authority and API scope (and the authority's host as known, since MSAL.js cannot ask
    /// Microsoft's instance discovery about it), and the API's <c>AzureAd</c> instance, tenant and client id.
    /// </summary>
    private static async Task<DashboardHost> StartHostAsync(LocalOpenIdAuthority authority)
    {
        var options = new DashboardOptions
        {
            ClientId = authority.SpaClientId,
            Authority = authority.Authority,
            Scope = authority.ApiScope,
            KnownAuthorities = [authority.Host],
        };
        var api = new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = authority.Instance,
            ["AzureAd:TenantId"] = authority.Tenant,
            ["AzureAd:ClientId"] = authority.ApiClientId,
        };
        var host = await DashboardHost.StartWithEntraAsync(options, api, authority.TrustingHandler);
        authority.RedirectUris.Add(host.Url + "/dashboard/redirect.html");
        using var http = new HttpClient();
        if (!(await http.GetAsync(host.Url + "/dashboard/msal-browser.min.js")).IsSuccessStatusCode)
        {
            await host.DisposeAsync();
            Assert.Fail("MSAL.js is not bundled into Ferry.Dashboard: run scripts/install.sh (npm ci in src/Ferry.Dashboard), then build again");
        }

        return host;
    }

    /// <summary>
    /// Clicks the Entra sign-in button and returns the popup MSAL.js opened, once the page shows the signed-in user.
    /// The popup is watched as a browser target: it can come and go before a page object for it would be ready.
    /// </summary>
    private static async Task<SignInPopup> SignInAsync(IPage page)
    {
        var popup = new SignInPopup(page);
        await EntraButtonAsync(page);
        await page.ClickAsync("#entra-signin");
        await page.WaitForFunctionAsync("() => !document.getElementById('app').hidden || document.getElementById('signin-error').textContent !== ''", new WaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal("", await TextAsync(page, "signin-error"));
        return popup;
    }

    /// <summary>Waits for the Entra sign-in button, or fails with what the page said instead.</summary>
    private static async Task EntraButtonAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => !document.getElementById('entra-signin').hidden || document.getElementById('signin-error').textContent !== ''");
        Assert.Equal("", await TextAsync(page, "signin-error"));
    }

    private static Task<string> TextAsync(IPage page, string id) =>
        page.EvaluateExpressionAsync<string>($"document.getElementById('{id}').textContent");

    /// <summary>The window a page opens next, from its creation to its closing (MSAL.js's redirect bridge closes it).</summary>
    private sealed class SignInPopup
    {
        private readonly TaskCompletionSource<ITarget> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SignInPopup(IPage page)
        {
            page.Browser.TargetCreated += (_, e) =>
            {
                // The browser holds this one page, so a page with an opener is its popup.
                if (e.Target.Type == TargetType.Page && e.Target.Opener is not null)
                {
                    _opened.TrySetResult(e.Target);
                }
            };
            page.Browser.TargetDestroyed += (_, e) =>
            {
                if (_opened.Task.IsCompletedSuccessfully && e.Target == _opened.Task.Result)
                {
                    _closed.TrySetResult();
                }
            };
        }

        public Task Opened => _opened.Task;

        public Task Closed => _closed.Task;
    }
}

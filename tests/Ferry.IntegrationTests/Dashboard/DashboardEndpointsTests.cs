using System.Net;
using System.Text.Json;
using Ferry.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Ferry.IntegrationTests.Dashboard;

public sealed class DashboardEndpointsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Dashboard_page_is_served_at_the_root_with_its_script_and_stylesheet()
    {
        await using var host = await DashboardHost.StartAsync("t", new DashboardOptions());

        var page = await Http.GetAsync(host.Url + "/");
        var script = await Http.GetAsync(host.Url + "/dashboard/dashboard.js");
        var style = await Http.GetAsync(host.Url + "/dashboard/dashboard.css");

        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("<script src=\"dashboard/dashboard.js\"></script>", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType!.ToString());
        Assert.Contains("api/runs", await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/secrets.json")]
    [InlineData("/dashboard/..%2Fappsettings.json")]
    [InlineData("/dashboard/Ferry.Dashboard.dll")]
    public async Task Only_the_dashboard_assets_are_served(string path)
    {
        await using var host = await DashboardHost.StartAsync("t", new DashboardOptions());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(host.Url + path)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_configuration_offers_the_development_token_only_where_it_is_enabled()
    {
        await using var local = await DashboardHost.StartAsync("t", new DashboardOptions { DevelopmentSignIn = true });
        await using var hosted = await DashboardHost.StartAsync("t", new DashboardOptions());

        using var localConfig = JsonDocument.Parse(await Http.GetStringAsync(local.Url + "/dashboard/config.json"));
        using var hostedConfig = JsonDocument.Parse(await Http.GetStringAsync(hosted.Url + "/dashboard/config.json"));

        Assert.True(localConfig.RootElement.GetProperty("developmentSignIn").GetBoolean());
        Assert.False(hostedConfig.RootElement.GetProperty("developmentSignIn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hostedConfig.RootElement.GetProperty("entra").ValueKind);
    }

    [Fact]
    public async Task Entra_sign_in_is_offered_with_the_client_id_when_msal_is_bundled()
    {
        var options = new DashboardOptions { ClientId = "11111111-2222-3333-4444-555555555555", Authority = "https://login.microsoftonline.com/contoso", Scope = "api://ferry/user_impersonation", KnownAuthorities = ["login.contoso.com"] };
        await using var host = await DashboardHost.StartAsync("t", options);

        var msal = await Http.GetAsync(host.Url + "/dashboard/msal-browser.min.js");
        using var config = JsonDocument.Parse(await Http.GetStringAsync(host.Url + "/dashboard/config.json"));

        // MSAL.js is bundled when its npm package is installed (scripts/install.sh); the page offers Entra only then.
        var entra = config.RootElement.GetProperty("entra");
        if (msal.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(options.ClientId, entra.GetProperty("clientId").GetString());
            Assert.Equal(options.Scope, entra.GetProperty("scope").GetString());
            Assert.Equal(["login.contoso.com"], entra.GetProperty("knownAuthorities").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(host.Url + "/dashboard/redirect.html")).StatusCode);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, entra.ValueKind);
        }
    }

    [Fact]
    public void Known_authorities_are_read_from_one_comma_separated_setting()
    {
        var options = Settings(new() { ["Dashboard:KnownAuthorities"] = "login.contoso.com, 127.0.0.1:8443" });

        Assert.Equal(["login.contoso.com", "127.0.0.1:8443"], options.KnownAuthorities);
    }

    [Fact]
    public void Known_authorities_are_read_from_an_array()
    {
        var options = Settings(new() { ["Dashboard:KnownAuthorities:0"] = "login.contoso.com", ["Dashboard:KnownAuthorities:1"] = "127.0.0.1:8443" });

        Assert.Equal(["login.contoso.com", "127.0.0.1:8443"], options.KnownAuthorities);
    }

    [Fact]
    public void Known_authorities_are_none_unless_set()
    {
        var options = Settings([]);

        Assert.Empty(options.KnownAuthorities);
        Assert.False(options.DevelopmentSignIn);
    }

    private static DashboardOptions Settings(Dictionary<string, string?> settings) =>
        DashboardSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new HostingEnvironment { EnvironmentName = Environments.Production });
}

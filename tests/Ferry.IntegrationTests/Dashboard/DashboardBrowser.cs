using Ferry.IntegrationTests.Reports;
using PuppeteerSharp;

namespace Ferry.IntegrationTests.Dashboard;

/// <summary>Debian's headless Chromium driven over the DevTools protocol, as the dashboard tests launch it.</summary>
internal static class DashboardBrowser
{
    public static Task<IBrowser> LaunchAsync(params string[] args) => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = HeadlessChromium.Executable,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", .. args],
    });
}

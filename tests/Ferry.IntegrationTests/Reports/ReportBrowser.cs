using PuppeteerSharp;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// Lays a report page out in headless Chromium (Debian's, launched by path: nothing is downloaded) at a given
/// viewport width, and reports what an auditor's browser would: whether the page scrolls sideways, which elements
/// stick out, every element id and every link; optionally a full-page screenshot.
/// </summary>
internal sealed class ReportBrowser : IAsyncDisposable
{
    private readonly IBrowser _browser;

    private ReportBrowser(IBrowser browser) => _browser = browser;

    public static async Task<ReportBrowser> LaunchAsync() => new(await Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = HeadlessChromium.Executable,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }));

    public async Task<PageLayout> OpenAsync(string htmlFile, int width, string? screenshot = null)
    {
        await using var page = await _browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = 900 });
        await page.GoToAsync(new Uri(htmlFile).AbsoluteUri, WaitUntilNavigation.Load);
        var layout = await page.EvaluateFunctionAsync<PageLayout>(
            """
            () => {
              const root = document.documentElement;
              const sticking = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !e.closest('.scroll'))
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));
              return {
                scrollWidth: root.scrollWidth,
                clientWidth: root.clientWidth,
                sticking: sticking.slice(0, 10),
                ids: [...document.querySelectorAll('[id]')].map(e => e.id),
                links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
                sources: [...document.querySelectorAll('[src]')].map(e => e.getAttribute('src')),
                scripts: document.scripts.length,
              };
            }
            """);
        if (screenshot is not null)
        {
            await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        }

        return layout;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
    }
}

/// <summary>The page as laid out: its widths, the elements wider than the viewport outside a scroll box, ids, links, sources, scripts.</summary>
internal sealed record PageLayout(int ScrollWidth, int ClientWidth, string[] Sticking, string[] Ids, string[] Links, string[] Sources, int Scripts)
{
    public IEnumerable<string> InternalTargets => Links.Where(l => l.StartsWith('#')).Select(l => l[1..]);

    public IEnumerable<string> FileLinks => Links.Where(l => !l.StartsWith('#'));
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ferry.Core.Reconciliation;
using Ferry.Reports.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Reports.Writers;

/// <summary>
/// The page an auditor opens: one self-contained HTML file (inline CSS and SVG, no script, no external asset),
/// rendered from the Razor components in <c>Html/</c> by the framework's <see cref="HtmlRenderer"/>. Failures come
/// first, then every entity of every district, charts, sample differences with their values, the quarantine in
/// plain words, and timing. The renderer HTML-encodes every value from data.
/// </summary>
public static class HtmlSummary
{
    public static async Task WriteAsync(AuditReport report, Stream output, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(await RenderAsync(report));
        await output.WriteAsync(bytes, cancellationToken);
    }

    public static async Task<string> RenderAsync(AuditReport report)
    {
        // Text outside ASCII (names, values, the page's own punctuation) stays as UTF-8 rather than numeric references.
        await using var services = new ServiceCollection()
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(SummaryPage.Model)] = SummaryModel.Of(report, DateTimeOffset.UtcNow),
        });
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<SummaryPage>(parameters)).ToHtmlString());
    }
}

using System.Buffers.Binary;

namespace Ferry.IntegrationTests.Reports;

/// <summary>What every summary page must do in a real browser, at a desktop and at a phone width.</summary>
internal static class ReportLayoutChecks
{
    public static readonly int[] Widths = [1280, 390];

    /// <summary>
    /// Laid out at each of <see cref="Widths"/>: a full-page screenshot (into <c>FERRY_SCREENSHOTS</c> when set, else
    /// <paramref name="fallbackFolder"/>), nothing wider than the viewport outside the scrolling tables, unique ids,
    /// every internal link resolving to one of them, every other link a file the report wrote, no script or external source.
    /// </summary>
    public static async Task AssertLaysOutAsync(string page, string name, string fallbackFolder)
    {
        var folder = Path.GetDirectoryName(page)!;
        var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var screenshots = Environment.GetEnvironmentVariable("FERRY_SCREENSHOTS") is { Length: > 0 } dir ? dir : fallbackFolder;
        Directory.CreateDirectory(screenshots);
        await using var browser = await ReportBrowser.LaunchAsync();
        foreach (var width in Widths)
        {
            var png = Path.Combine(screenshots, width == Widths[0] ? $"{name}.png" : $"{name}-{width}.png");

            var layout = await browser.OpenAsync(page, width, png);

            Assert.True(layout.ScrollWidth <= layout.ClientWidth, $"{name} at {width} px scrolls sideways ({layout.ScrollWidth} > {layout.ClientWidth}): {string.Join(", ", layout.Sticking)}");
            Assert.Equal(width, PngWidth(png));
            Assert.Equal(layout.Ids.Length, layout.Ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Empty(layout.InternalTargets.Except(layout.Ids, StringComparer.Ordinal));
            Assert.NotEmpty(layout.FileLinks);
            Assert.All(layout.FileLinks, link => Assert.Contains(link, written));
            Assert.Equal(0, layout.Scripts);
            Assert.Empty(layout.Sources);
        }
    }

    // A PNG's width is the first field of its IHDR chunk, right after the 8-byte signature and the chunk's length and type.
    private static int PngWidth(string png) => BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(png).AsSpan(16, 4));
}

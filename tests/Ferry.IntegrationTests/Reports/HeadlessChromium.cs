using System.Diagnostics;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// Opens a page in headless Chromium (Debian's <c>chromium</c>, which scripts/test.sh installs) and returns the DOM
/// as the browser built it, or takes a screenshot. A fresh profile per call; no network beyond the file itself.
/// </summary>
internal static class HeadlessChromium
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("FERRY_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed: run FERRY_WITH_CHROMIUM=1 bash scripts/install.sh (scripts/test.sh does).");

    public static async Task<string> DumpDomAsync(string htmlFile) => (await RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri])).Stdout;

    public static async Task ScreenshotAsync(string htmlFile, string pngFile) =>
        await RunAsync([$"--screenshot={pngFile}", "--window-size=1280,1600", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri]);

    private static async Task<(string Stdout, string Stderr)> RunAsync(IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("ferry-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
            }

            return (await stdout, await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Cli;

/// <summary><c>dm run</c> on a terminal (a pseudo-terminal 80 columns wide, through util-linux's <c>script</c>): the live table.</summary>
public sealed partial class TerminalProgressTests
{
    [Fact]
    public async Task Run_and_verify_on_an_80_column_terminal_draw_their_live_tables_without_wrapping_and_end_on_everything_done()
    {
        await using var f = await MigrationFixture.CreateAsync("progtty", districts: 2, students: 300, batchSize: 50);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        var (exit, screen) = await OnTerminalAsync(f.Directory, "run", "--config", f.ConfigPath);

        Assert.True(exit == 0, screen);
        var lines = Ansi().Replace(screen, "").Split(["\r\n", "\n", "\r"], StringSplitOptions.None).Select(l => l.TrimEnd()).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Contains("district / entity", StringComparison.Ordinal) && l.Contains("rows/s", StringComparison.Ordinal) && l.Contains("ETA", StringComparison.Ordinal));
        var headers = lines.Where(l => HeaderLine().IsMatch(l)).ToList();
        Assert.Contains(headers, h => h.Contains("  planning", StringComparison.Ordinal) || h.Contains("  loading", StringComparison.Ordinal));
        Assert.Contains("  done  ", headers[^1]);
        var all = lines.Last(l => l.TrimStart().StartsWith("all ", StringComparison.Ordinal));
        Assert.Matches(@"^\s*all\s+(\S+)/\1\s+100\s", all);
        Assert.Contains(lines, l => l.StartsWith("run ", StringComparison.Ordinal) && l.Contains(": completed in ", StringComparison.Ordinal));

        var (verifyExit, verifyScreen) = await OnTerminalAsync(f.Directory, "verify", "--config", f.ConfigPath);

        Assert.True(verifyExit == 0, verifyScreen);
        var verifyLines = Ansi().Replace(verifyScreen, "").Split(["\r\n", "\n", "\r"], StringSplitOptions.None).Select(l => l.TrimEnd()).ToList();
        // The live part, up to the summary (whose per-entity table is wider by design).
        var live = verifyLines.TakeWhile(l => !VerifySummary().IsMatch(l)).ToList();
        Assert.True(live.Count < verifyLines.Count, verifyScreen);
        Assert.All(live, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(live, l => l.StartsWith("verify  done  ", StringComparison.Ordinal));
        var total = DistrictSchema.Counts(300).Count * 2;
        Assert.Contains(live, l => l.TrimStart().StartsWith($"{total}/{total} (100%)", StringComparison.Ordinal));
    }

    private static async Task<(int Exit, string Screen)> OnTerminalAsync(string directory, params string[] args)
    {
        var dm = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "dm.dll") }.Concat(args).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-qfec", $"stty cols 80 rows 40; {dm}", "/dev/null" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("util-linux's script is needed to run dm on a pseudo-terminal");
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output);
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^verify [0-9a-f-]{36}: ")]
    private static partial Regex VerifySummary();

    [GeneratedRegex(@"^run [0-9a-f-]{36}\S*( \([^)]*\))?  ")]
    private static partial Regex HeaderLine();
}

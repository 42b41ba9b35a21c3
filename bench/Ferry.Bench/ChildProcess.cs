using System.Diagnostics;
using System.Globalization;

namespace Ferry.Bench;

/// <summary>
/// Runs a command as a child process and measures its wall time and peak resident memory (VmHWM, read from
/// /proc while it runs: the high-water mark only grows, so the last reading is the peak).
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, TimeSpan Elapsed, long PeakRssBytes, string Output);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadPeak(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(cancellationToken), Task.Delay(50, cancellationToken));
        }

        await process.WaitForExitAsync(cancellationToken);
        clock.Stop();
        return new Result(process.ExitCode, clock.Elapsed, peak, await stdout + await stderr);
    }

    private static long ReadPeak(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

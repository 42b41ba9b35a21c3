using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Orchestration.Tests.Support;

/// <summary>
/// The dm command line as a child process (the build's own dm.dll), with the settings of the local services: what
/// the hosted tests start, stop and kill with SIGKILL.
/// </summary>
public sealed partial class DmProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DmProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string DmDll => Path.Combine(AppContext.BaseDirectory, "dm.dll");

    /// <summary>The task hub's storage: AzureWebJobsStorage, or Azurite's queue and table services beside the blob endpoint of FERRY_BLOB_CONNECTION.</summary>
    public static string DurableStorage()
    {
        if (Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } given)
        {
            return given;
        }

        var blob = Environment.GetEnvironmentVariable("FERRY_BLOB_CONNECTION")
            ?? throw new InvalidOperationException("set FERRY_BLOB_CONNECTION (source the test environment) or AzureWebJobsStorage");
        var port = int.Parse(BlobPort().Match(blob).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return $"{blob.TrimEnd(';')};QueueEndpoint=http://127.0.0.1:{port + 1}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port + 2}/devstoreaccount1;";
    }

    public static DmProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(DmDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        // No local.settings.json of the test's directory: only what the test sets.
        info.Environment["FERRY_SETTINGS"] = Path.Combine(AppContext.BaseDirectory, "no-local-settings.json");
        var process = Process.Start(info)!;
        var dm = new DmProcess(process);
        process.OutputDataReceived += (_, e) => dm.Append(e.Data);
        process.ErrorDataReceived += (_, e) => dm.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return dm;
    }

    /// <summary>Runs dm to its end; its exit code and output.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        using var dm = Start(environment, args);
        using var cancel = new CancellationTokenSource(timeout);
        await dm._process.WaitForExitAsync(cancel.Token);
        dm._process.WaitForExit();
        return (dm._process.ExitCode, dm.Output);
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, as a crash or an OOM kill.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"BlobEndpoint=http://[^:/]+:(\d+)/")]
    private static partial Regex BlobPort();
}

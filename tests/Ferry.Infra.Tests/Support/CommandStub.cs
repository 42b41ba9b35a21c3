namespace Ferry.Infra.Tests.Support;

/// <summary>
/// Stand-ins for the Azure CLI (az) and azd on a PATH of their own: each call is recorded (arguments tab-separated,
/// one call a line) and answered by a shell case statement, so the deployment scripts run without Azure.
/// </summary>
internal sealed class CommandStub : IDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("ferry-stub-").FullName;

    public CommandStub(string azCases, string azdCases = "")
    {
        Write("az", azCases);
        Write("azd", azdCases);
    }

    public string Directory => directory;

    private string Log => Path.Combine(directory, "calls.log");

    /// <summary>Every call so far: program name first, then its arguments.</summary>
    public IReadOnlyList<string[]> Calls => File.Exists(Log)
        ? File.ReadAllLines(Log).Select(line => line.TrimEnd('\t').Split('\t')).ToList()
        : [];

    public IReadOnlyList<string[]> CallsOf(string program, params string[] command) =>
        Calls.Where(c => c[0] == program && c.Skip(1).Take(command.Length).SequenceEqual(command)).ToList();

    /// <summary>Runs a script with sh (as azd runs hooks) or bash, the stubs first on PATH.</summary>
    public ProcessResult Run(string shell, string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string>(environment)
        {
            ["PATH"] = directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        return ProcessRunner.Run(shell, [script, .. arguments], RepositoryPaths.Root, variables, TimeSpan.FromMinutes(1));
    }

    public void Dispose() => System.IO.Directory.Delete(directory, recursive: true);

    private void Write(string program, string cases)
    {
        var path = Path.Combine(directory, program);
        File.WriteAllText(path, $$"""
            #!/usr/bin/env bash
            { printf '%s\t' "{{program}}" "$@"; printf '\n'; } >> "{{Log}}"
            case "$*" in
            {{cases}}
              *) echo "{{program}} stub: unexpected call: $*" >&2; exit 3 ;;
            esac
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

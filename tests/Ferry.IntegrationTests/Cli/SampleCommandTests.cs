namespace Ferry.IntegrationTests.Cli;

/// <summary><c>dm sample</c> on a machine whose PostgreSQL is not there yet: one line saying what to do, nothing written.</summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-sample-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_unreachable_server_is_one_line_with_exit_2_and_no_configuration_is_written()
    {
        var result = await DmProcess.RunAsync(_directory, "sample", "--districts", "1", "--server", "Host=127.0.0.1;Port=1;Username=postgres;Password=not-shown");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot open PostgreSQL server 127.0.0.1:1/", line);
        Assert.DoesNotContain("not-shown", result.Stdout + result.Stderr);
        Assert.False(File.Exists(Path.Combine(_directory, "migration.yaml")));
    }
}

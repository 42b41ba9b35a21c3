using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// pgloader (Debian package) copying the same legacy tables raw into a scratch database: no UUIDs, no tenant, no
/// reference remapping, so it does less work than the load. Given a large heap, since its default one runs out.
/// </summary>
internal static class PgloaderRun
{
    public const string Database = "ferry_bench_pgloader";

    public static bool Installed => File.Exists("/usr/bin/pgloader");

    public static async Task<ChildProcess.Result> RunAsync(BenchDatabase server, string legacy, string directory, CancellationToken cancellationToken)
    {
        await server.RecreateAsync(Database, cancellationToken);
        string Url(string connection)
        {
            var b = new NpgsqlConnectionStringBuilder(connection);
            return $"pgsql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";
        }

        var command = Path.Combine(directory, "pgloader.load");
        await File.WriteAllTextAsync(
            command,
            $"""
            LOAD DATABASE
              FROM {Url(legacy)}
              INTO {Url(server.ConnectionFor(Database))}
              WITH include drop, create tables, create indexes, reset sequences, foreign keys, workers = 4, concurrency = 1
              INCLUDING ONLY TABLE NAMES MATCHING 'Student', 'Assessment', 'StudentAssessmentResult' IN SCHEMA 'dbo';
            """,
            cancellationToken);
        try
        {
            return await ChildProcess.RunAsync("/usr/bin/pgloader", ["--dynamic-space-size", "4096", "--no-ssl-cert-verification", command], null, cancellationToken);
        }
        finally
        {
            File.Delete(command);
        }
    }
}

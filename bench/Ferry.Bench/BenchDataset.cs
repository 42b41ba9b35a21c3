using System.Globalization;
using Npgsql;

namespace Ferry.Bench;

/// <summary>The legacy data set and the migration configuration the benchmark runs with.</summary>
internal sealed class BenchDataset(BenchDatabase server, BenchOptions options, string directory)
{
    public const string Legacy = "ferry_bench_legacy";
    public const string Target = "ferry_bench_target";

    public string ConfigPath => Path.Combine(directory, "bench.yaml");

    public string LegacyConnection => server.ConnectionFor(Legacy);

    public string TargetConnection => server.ConnectionFor(Target);

    public static readonly (string Entity, string Table)[] Tables =
    [
        ("dbo.Student", "student"),
        ("dbo.StudentAssessmentResult", "student_assessment_result"),
    ];

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await server.RecreateAsync(Legacy, cancellationToken);
        await server.RecreateAsync(Target, cancellationToken);
        using var stream = typeof(BenchDataset).Assembly.GetManifestResourceStream("Ferry.Bench.Legacy.sql")!;
        var sql = await new StreamReader(stream).ReadToEndAsync(cancellationToken);
        sql = sql.Replace("{students}", options.Students.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{results}", options.ResultRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await BenchDatabase.ExecAsync(LegacyConnection, sql, cancellationToken);
        await BenchDatabase.ExecAsync(LegacyConnection, "VACUUM ANALYZE", cancellationToken);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(ConfigPath, Config(), cancellationToken);
    }

    /// <summary>The configuration refers to the password through the environment, never in the file.</summary>
    private string Config()
    {
        string ForFile(string db) => new NpgsqlConnectionStringBuilder(server.ConnectionFor(db)) { Password = null }.ConnectionString + ";Password=${FERRY_PG_PASSWORD}";
        return $$"""
            target:
              connection: "{{ForFile(Target)}}"
            uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
            districts:
              - id: bench
                tenant: "6a1f7c1e-0000-4000-8000-000000000001"
                source: { provider: postgres, connection: "{{ForFile(Legacy)}}" }
            relationships:
              - { from: "dbo.StudentAssessmentResult(StudentId)", to: "dbo.Student(StudentId)" }
            batchSize: 50000
            parallelism: {{options.Parallelism}}
            """;
    }

    /// <summary>Empties the target tables and the toolkit's own tables, so each repetition starts alike.</summary>
    public async Task ResetTargetAsync(CancellationToken cancellationToken)
    {
        await BenchDatabase.ExecAsync(
            TargetConnection,
            "TRUNCATE dbo.student_assessment_result, dbo.student, dbo.assessment CASCADE; " +
            "TRUNCATE ferry.batch, ferry.quarantine, ferry.load, ferry.run, ferry.run_district, ferry.rollback_step, ferry.before_image, " +
            "ferry.delta_applied, ferry.delta_conflict, ferry.quarantine_resolution, ferry.foreign_write CASCADE; DELETE FROM ferry.dropped_constraint",
            cancellationToken);
        await BenchDatabase.ExecAsync(TargetConnection, "CHECKPOINT", cancellationToken);
    }
}

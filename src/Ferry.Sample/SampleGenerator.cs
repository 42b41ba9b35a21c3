using System.Diagnostics;
using System.Globalization;
using Ferry.Sample.Loading;
using Ferry.Sample.Schema;
using Npgsql;

namespace Ferry.Sample;

/// <summary>
/// Generates legacy district databases in PostgreSQL (standing in for SQL Server): schema <c>dbo</c>, quoted
/// MixedCase names, identity keys, composite natural keys, declared and undeclared foreign keys, a cycle, a
/// self-reference, orphans, a keyless table with duplicates and awkward values, all deterministic from the seed.
/// </summary>
public static class SampleGenerator
{
    /// <summary>
    /// Drops and recreates each district database (<c>DROP DATABASE IF EXISTS ... WITH (FORCE)</c>, so sessions still
    /// connected to it are ended), creates the tables, loads them with binary COPY, then adds keys, indexes and the
    /// declared foreign keys and runs ANALYZE. Tables load in parallel, across districts.
    /// </summary>
    /// <remarks>
    /// On failure or cancellation the exception propagates and nothing is rolled back: the databases created so far
    /// stay, and a table whose COPY was interrupted is empty. Running again with the same options starts over.
    /// </remarks>
    /// <exception cref="ArgumentException">An option is out of range (checked before any database is touched).</exception>
    /// <exception cref="NpgsqlException">The server refused a statement or could not be reached.</exception>
    public static async Task<SampleResult> GenerateAsync(SampleOptions options, IProgress<string>? log, CancellationToken cancellationToken)
    {
        SampleOptionsCheck.Validate(options);
        var clock = Stopwatch.StartNew();
        var catalog = SampleCatalog.For(options.Profile);
        var plans = DistrictPlan.For(options, catalog);
        var sources = new Dictionary<string, NpgsqlDataSource>(StringComparer.Ordinal);
        try
        {
            await using (var admin = NpgsqlDataSource.Create(options.AdminConnection))
            {
                foreach (var plan in plans)
                {
                    sources[plan.Id] = await DistrictDatabase.RecreateAsync(admin, plan, catalog, cancellationToken);
                    log?.Report(Invariant($"{plan.Id}: created {plan.Database} with {catalog.Tables.Count} tables for {plan.Sizes.Scale.Students:N0} students"));
                }
            }

            // Largest tables first, so the long COPYs overlap instead of one of them running alone at the end.
            var jobs = plans
                .SelectMany(p => catalog.Tables.Select(t => (Plan: p, Table: t)))
                .OrderByDescending(j => j.Plan.Sizes[j.Table.Name])
                .ToList();
            await Parallel.ForEachAsync(jobs, Parallelism(cancellationToken), async (job, token) =>
            {
                var started = Stopwatch.GetTimestamp();
                var rows = await TableLoader.LoadAsync(sources[job.Plan.Id], job.Table, job.Plan, options.Seed, token);
                if (rows >= 100_000)
                {
                    log?.Report(Invariant($"{job.Plan.Id}: dbo.{job.Table.Name} {rows:N0} rows in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
                }
            });

            await Parallel.ForEachAsync(plans, Parallelism(cancellationToken), async (plan, token) =>
            {
                await DistrictDatabase.FinishAsync(sources[plan.Id], catalog, token);
                log?.Report(Invariant($"{plan.Id}: {plan.Sizes.Total:N0} rows loaded, foreign keys declared, analyzed"));
            });
        }
        finally
        {
            foreach (var source in sources.Values)
            {
                await source.DisposeAsync();
            }
        }

        var total = plans.Sum(p => p.Sizes.Total);
        log?.Report(Invariant($"{plans.Count} district(s), {catalog.Tables.Count} tables each, {total:N0} rows in {clock.Elapsed.TotalSeconds:F1} s"));
        return new SampleResult([.. plans.Select(p => p.ToDistrict())], catalog.Relationships, catalog.Keys, catalog.Tables.Count, total);
    }

    /// <summary>At least two at once even on one core: while one COPY waits on the server, another generates rows.</summary>
    private static ParallelOptions Parallelism(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 2, 8),
        CancellationToken = cancellationToken,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

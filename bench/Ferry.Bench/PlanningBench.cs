using System.Diagnostics;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Postgres.Control;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// Planning at programme scale: the mapping and load order of a 383-entity district, batch descriptors for every
/// (district, entity) of <c>districts</c> districts (1 to 3 batches each, over 20,000 in all at 50 x 383), and all of
/// them stored in the job store (the toolkit's own tables) in one transaction. Times the whole, schema introspection excepted.
/// </summary>
internal static class PlanningBench
{
    public sealed record Result(TimeSpan Elapsed, int Loads, int Batches, int Entities);

    public static async Task<Result> RunAsync(
        SourceSchema schema, IReadOnlyList<RelationshipSettings> relationships, IReadOnlyList<KeySettings> keys, int districts, string target, CancellationToken cancellationToken)
    {
        var config = new MigrationConfig
        {
            File = "planning benchmark",
            Targets = [new TargetSettings("default", target, ["*"])],
            UuidNamespace = Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341"),
            Districts = Enumerable.Range(1, districts)
                .Select(i => new DistrictSettings($"p{i:D3}", Guid.Parse($"6a1f7c1e-0000-4000-8000-{i:D12}"), new SourceSettings("postgres", "")))
                .ToList(),
            Relationships = relationships,
            Keys = keys,
        };
        await using var source = NpgsqlDataSource.Create(target);
        await ControlSchema.EnsureAsync(source, cancellationToken);
        var clock = Stopwatch.StartNew();
        var mappings = MappingBuilder.Build(schema, config, "postgres");
        var order = DependencyGraph.Order(mappings.Entities);
        var runId = Guid.CreateVersion7();
        var loads = new List<(DistrictSettings District, EntityMapping Entity, IReadOnlyList<BatchDescriptor> Batches)>();
        foreach (var d in config.Districts)
        {
            foreach (var (e, i) in order.Ordered.Select((e, i) => (e, i)))
            {
                var count = 1 + ((i + d.Id.GetHashCode(StringComparison.Ordinal)) & 1) + (i % 7 == 0 ? 1 : 0);
                var batches = Enumerable.Range(1, count)
                    .Select(n => new BatchDescriptor(runId, d.Id, d.Tenant, e.Name, n, n == 1 ? null : $"[\"{(n - 1) * 50_000}\"]", n == count ? null : $"[\"{n * 50_000}\"]"))
                    .ToList();
                loads.Add((d, e, batches));
            }
        }

        await StoreAsync(source, runId, loads, cancellationToken);
        clock.Stop();
        return new Result(clock.Elapsed, loads.Count, loads.Sum(l => l.Batches.Count), order.Ordered.Count);
    }

    private static async Task StoreAsync(NpgsqlDataSource source, Guid runId, List<(DistrictSettings District, EntityMapping Entity, IReadOnlyList<BatchDescriptor> Batches)> loads, CancellationToken cancellationToken)
    {
        await using var conn = await source.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var run = new NpgsqlCommand("INSERT INTO ferry.run (run_id, state, districts, entities) VALUES ($1, 'running', $2, $3)", conn, tx))
        {
            run.Parameters.AddWithValue(runId);
            run.Parameters.AddWithValue(loads.Select(l => l.District.Id).Distinct().ToArray());
            run.Parameters.AddWithValue(loads.Select(l => l.Entity.Name).Distinct().ToArray());
            await run.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await conn.BeginBinaryImportAsync("COPY ferry.load (tenant_id, entity, district_id, run_id, state, batches) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var l in loads)
            {
                await importer.WriteRowAsync(cancellationToken, l.District.Tenant, l.Entity.Name, l.District.Id, runId, "planned", l.Batches.Count);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var importer = await conn.BeginBinaryImportAsync(
            "COPY ferry.batch (run_id, tenant_id, district_id, entity, batch_no, lower_key, upper_key) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var b in loads.SelectMany(l => l.Batches))
            {
                await importer.WriteRowAsync(cancellationToken, b.RunId, b.Tenant, b.District, b.Entity, b.BatchNo, (object?)b.Lower ?? DBNull.Value, (object?)b.Upper ?? DBNull.Value);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }
}

using System.Data.Common;
using System.Diagnostics;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Core.Tenancy;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;
using Ferry.Postgres.Target;
using Ferry.Reports.Sinks;
using Npgsql;

namespace Ferry.Engine.Validation;

/// <summary>
/// Checks everything about a configuration that can be checked without loading, and lists every problem instead of
/// stopping at the first: each district's database opens, its login can read every table in scope, its reads are
/// consistent (or locking reads are accepted), Change Tracking is on and follows every table in scope (where the
/// source has it), and its schema fits the mapping taken from the first district's; the mapping itself (no name
/// collisions); every target database opens, holds every mapped table with the mapped column types, and its
/// registrations agree with the configuration; the reports storage is reachable. It reads catalogs and settings only,
/// never rows, and writes nothing except what preparing the reports storage creates (its container or folder).
/// </summary>
public static class Validator
{
    /// <summary>Districts read at once: enough to hide network latency, few enough to stay gentle with the servers.</summary>
    private const int Concurrency = 8;

    /// <summary>Validates <paramref name="config"/>; never throws for what it checks (cancellation aside): the result lists it.</summary>
    public static async Task<ValidationResult> ValidateAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var notes = new List<string>();

        var snapshots = await ForEachDistrictAsync(config.Districts, d => ReadAsync(d, cancellationToken), cancellationToken);
        foreach (var s in snapshots.Where(s => !s.Readable))
        {
            problems.Add(s.Failure!);
        }

        var mappings = Mappings(config, snapshots[0], problems, notes);
        var entities = mappings?.Entities ?? [];
        if (mappings is not null)
        {
            var lines = await ForEachDistrictAsync(snapshots, s => CheckDistrictAsync(config, s, snapshots[0], entities, cancellationToken), cancellationToken);
            foreach (var (districtProblems, districtNotes) in lines)
            {
                problems.AddRange(districtProblems);
                notes.AddRange(districtNotes);
            }
        }

        var configured = snapshots.Where(s => s.Facts is not null)
            .Select(s => new DistrictRegistration(s.District.Id, s.District.Tenant, config.UuidNamespace, s.Facts!.Fingerprint, s.Facts.Server, s.Facts.Database))
            .ToList();
        var registered = new List<DistrictRegistration>();
        foreach (var target in config.Targets)
        {
            problems.AddRange(await CheckTargetAsync(config, target, mappings, registered, cancellationToken));
        }

        problems.AddRange(RegistrationCheck.Problems(
            configured,
            registered.DistinctBy(r => (r.DistrictId, r.Tenant, r.Namespace, r.Fingerprint)).ToList(),
            new HashSet<string>(),
            id => ConnectionStrings.Database(config.District(id).Source.Connection)));

        if (await CheckReportsAsync(config, cancellationToken) is var (problem, note))
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }

            if (note is not null)
            {
                notes.Add(note);
            }
        }

        return new ValidationResult(problems, notes, config.Districts.Count, entities.Count, config.Targets.Count, clock.Elapsed);
    }

    private static async Task<T[]> ForEachDistrictAsync<TIn, T>(IReadOnlyList<TIn> items, Func<TIn, Task<T>> check, CancellationToken cancellationToken)
    {
        var results = new T[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await check(items[i]));
        return results;
    }

    private static async Task<SourceSnapshot> ReadAsync(DistrictSettings district, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        try
        {
            await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
            var schema = await adapter.IntrospectAsync(connection, cancellationToken);
            var facts = await adapter.ReadFactsAsync(connection, cancellationToken);
            var consistency = await adapter.ReadConsistencyAsync(connection, cancellationToken);
            var position = await adapter.ReadChangePositionAsync(connection, cancellationToken);
            return new SourceSnapshot(district, schema, facts, consistency, position, null);
        }
        catch (SourceUnavailableException e)
        {
            return new SourceSnapshot(district, null, null, default, null, $"district {district.Id}: {e.Message}");
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new SourceSnapshot(district, null, null, default, null, $"district {district.Id}: reading its catalog failed: {FirstLine(e.Message)}");
        }
    }

    /// <summary>The reviewed mapping, or the one derived from the first district's schema; null (with the reason added) when neither can be had.</summary>
    private static MappingSet? Mappings(MigrationConfig config, SourceSnapshot first, List<string> problems, List<string> notes)
    {
        MappingSet mappings;
        try
        {
            if (config.Mapping is { } file)
            {
                mappings = MappingFile.Load(file);
            }
            else if (first.Schema is { } schema)
            {
                mappings = MappingBuilder.Build(schema, config, first.District.Source.Provider);
            }
            else
            {
                // The first district's failure is listed already; without its schema there is no mapping to check against.
                notes.Add($"{config.File}: the mapping follows district {first.District.Id}'s schema, which could not be read: schemas and target tables were not checked");
                return null;
            }
        }
        catch (ConfigException e)
        {
            problems.Add(e.Message);
            return null;
        }

        problems.AddRange(mappings.Collisions().Select(c =>
            $"{config.File}: legacy names collide in snake_case: {c}; rename one in the mapping (`dm scaffold` writes it with every collision marked) and point mapping: at it"));
        return mappings;
    }

    private static async Task<(List<string> Problems, List<string> Notes)> CheckDistrictAsync(
        MigrationConfig config, SourceSnapshot snapshot, SourceSnapshot first, IReadOnlyList<EntityMapping> entities, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        if (snapshot is not { Schema: { } schema } || !snapshot.Readable)
        {
            return (problems, notes);
        }

        var district = snapshot.District;

        // Permissions first: a table the login cannot read may look columnless in the catalog, which is no schema
        // problem of its own. Only tables the catalog has are asked about: a missing one is a schema problem below.
        var tables = entities.Select(e => schema.Find(e.Source)?.Name).OfType<TableName>().ToList();
        var unreadable = new HashSet<TableName>();
        try
        {
            var access = await SourceChecks.AccessAsync(district, tables, cancellationToken);
            if (access.Problems.Count > 0)
            {
                problems.Add(SourceChecks.Refusal(district, access));
                unreadable.UnionWith(access.Problems.Select(p => p.Table));
            }

            if (SourceChecks.Warning(district, access) is { } warning)
            {
                notes.Add(warning);
            }
        }
        catch (SourceUnavailableException e)
        {
            problems.Add(e.Message);
        }

        var reference = first.Schema is { } firstSchema ? (firstSchema, first.District.Source.Provider) : ((SourceSchema, string)?)null;
        var readable = entities.Where(e => schema.Find(e.Source) is not { } t || !unreadable.Contains(t.Name));
        problems.AddRange(DistrictSchemaDrift.Find(readable, reference, first.District.Id, schema, district.Source.Provider).Select(p => $"district {district.Id}: {p}"));

        try
        {
            if (IsolationPolicy.Check(district, snapshot.Consistency) is { } accepted)
            {
                notes.Add(accepted);
            }
        }
        catch (ConfigException e)
        {
            problems.Add(e.Message);
        }

        IReadOnlyList<TableName> untracked = [];
        if (snapshot.ChangePosition is not null)
        {
            var adapter = SourceAdapters.For(district.Source.Provider);
            try
            {
                await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
                untracked = await adapter.UntrackedTablesAsync(connection, tables, cancellationToken);
            }
            catch (Exception e) when (e is SourceUnavailableException or DbException && !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"district {district.Id}: checking Change Tracking failed: {FirstLine(e.Message)}");
            }
        }

        problems.AddRange(ChangeTrackingCheck.Problems(district.Id, snapshot.Facts?.Database, snapshot.ChangePosition, untracked));
        return (problems, notes);
    }

    /// <summary>
    /// One target database: it opens, every mapped table routed to it exists with the mapped column types, and the
    /// registrations it holds are added to <paramref name="registered"/>. Nothing is created: a target without the
    /// toolkit's schema simply has no registrations yet.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CheckTargetAsync(
        MigrationConfig config, TargetSettings target, MappingSet? mappings, List<DistrictRegistration> registered, CancellationToken cancellationToken)
    {
        NpgsqlDataSource source;
        try
        {
            source = Ferry.Postgres.PostgresDataSources.Create(new NpgsqlConnectionStringBuilder(target.Connection) { Pooling = false });
        }
        catch (ArgumentException e)
        {
            return [$"{config.File}: target {target.Name}: bad connection string: {e.Message}"];
        }

        await using (source)
        {
            try
            {
                var problems = new List<string>();
                if (mappings is not null)
                {
                    var entities = mappings.Entities.Where(e => e.Target == target.Name).ToList();
                    var existing = await TargetCatalog.ColumnTypesAsync(source, entities.Select(e => e.TargetSchema).Distinct().ToList(), cancellationToken);
                    var missing = entities.Where(e => !existing.ContainsKey((e.TargetSchema, e.TargetTable))).Select(e => $"{e.TargetSchema}.{e.TargetTable}").ToList();
                    if (missing.Count > 0)
                    {
                        problems.Add($"target {target.Name}: {missing.Count} of {entities.Count} mapped table(s) do not exist ({Few(missing)}): run `dm scaffold --config {config.File} --apply`");
                    }

                    problems.AddRange(TypeDrift.Find(entities, existing).Select(d => $"target {target.Name}: {d}"));
                }

                registered.AddRange(await DistrictRegistry.ReadIfPresentAsync(source, cancellationToken));

                return problems;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                return [TargetDatabases.Failure(config, target, e).Message];
            }
        }
    }

    /// <summary>A problem when the configured reports storage cannot be prepared; a note when reports are not configured.</summary>
    private static async Task<(string? Problem, string? Note)> CheckReportsAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        try
        {
            if (ReportSinks.Create(config.Reports, config.File) is not { } sink)
            {
                return (null, $"{config.File}: no reports: section: runs and verifications will write no audit reports");
            }

            await sink.PrepareAsync(cancellationToken);
            return (null, null);
        }
        catch (ReportStorageException e)
        {
            return ($"reports: {e.Message}", null);
        }
    }

    /// <summary>The first few names and how many more, so one line stays readable with hundreds of tables.</summary>
    private static string Few(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? $" and {list.Count - 5} more" : "");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

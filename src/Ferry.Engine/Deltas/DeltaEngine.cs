using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Deltas;
using Ferry.Engine.Logging;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Ferry.Postgres.Control;
using Ferry.Postgres.Control.Deltas;
using Ferry.Postgres.Target;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Engine.Deltas;

/// <summary>
/// The unit-of-work API of deltas, the steps a durable orchestrator calls as activities (<c>dm delta</c> calls them in
/// process): <see cref="StartAsync"/> records the delta run and takes the districts' leases; <see cref="ApplyDistrictAsync"/>
/// applies one district's legacy changes since its stored position, in one target transaction per target database that
/// commits the changes with their watermark, so a step killed at any moment leaves all of it or nothing, and a step
/// delivered twice returns what it did the first time; <see cref="FinishAsync"/> records the outcome and releases the
/// leases. Inputs and outputs are small records. Refusals (nothing written) are <see cref="ConfigException"/>s.
/// </summary>
public sealed class DeltaEngine : IAsyncDisposable
{
    private readonly MigrationContext _context;
    private readonly TargetDatabases _targets;
    private readonly LeaseKeeper _leases;
    private readonly ILogger _log;

    private DeltaEngine(MigrationContext context, TargetDatabases targets, ILogger log)
    {
        _context = context;
        _targets = targets;
        _log = log;
        _leases = new LeaseKeeper(targets.Heartbeats, context.Config.Leases.Ttl);
    }

    public MigrationContext Context => _context;

    /// <summary>Opens the target databases (the toolkit's schema applied) of a resolved context; logs to <paramref name="loggers"/> when given.</summary>
    public static async Task<DeltaEngine> OpenAsync(MigrationContext context, CancellationToken cancellationToken, ILoggerFactory? loggers = null)
    {
        var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
        return new DeltaEngine(context, targets, (loggers ?? NullLoggerFactory.Instance).CreateLogger(EngineLog.Category));
    }

    /// <summary>
    /// Starts a delta of the request's districts: refused for a district already cut over or held by another live
    /// operation. Records the run (kind <c>delta</c>) and holds its lease and the districts' leases.
    /// </summary>
    public async Task<DeltaTicket> StartAsync(DeltaRequest request, CancellationToken cancellationToken)
    {
        var districts = (request.Districts.Count == 0 ? _context.Districts.Select(d => d.Id) : request.Districts).Order(StringComparer.Ordinal).ToArray();
        foreach (var id in districts)
        {
            await RefuseCutOverAsync(_context.Config.District(id), cancellationToken);
        }

        var runId = request.RunId ?? Guid.CreateVersion7();
        foreach (var name in _targets.Names)
        {
            if ((await Leases.AcquireDistrictsAsync(_targets[name], runId, districts, LeaseKeeper.Holder, _context.Config.Leases.Ttl, cancellationToken)) is [var held, ..])
            {
                throw new DistrictBusyException(held.District, held.HeldBy, held.Holder);
            }
        }

        foreach (var name in _targets.Names)
        {
            await DeltaLedger.CreateRunAsync(_targets[name], runId, districts, cancellationToken);
        }

        await _leases.HoldAsync(runId, cancellationToken);
        using (LogScopes.Begin(_log, runId))
        {
            EngineLog.DeltaStarted(_log, runId, $"started: {districts.Length} district(s)");
        }

        return new DeltaTicket(runId, districts);
    }

    /// <summary>
    /// Applies one district's changes since its stored position (see the type's summary). Refused (exit 2, nothing
    /// written) when the district is cut over, its change capture is not on, its position cannot be read from any more
    /// (cleanup passed it, a table was truncated, the full load predates change capture), or its legacy schema changed
    /// since the load: each names the table (and column) and the way to re-baseline.
    /// </summary>
    public async Task<DistrictDelta> ApplyDistrictAsync(Guid runId, string districtId, CancellationToken cancellationToken)
    {
        var district = _context.Config.District(districtId);
        await RefuseCutOverAsync(district, cancellationToken);
        if (!_leases.Holds(runId))
        {
            await _leases.HoldAsync(runId, cancellationToken);
        }

        var capture = ChangeCaptures.For(district.Source.Provider);
        var adapter = SourceAdapters.For(district.Source.Provider);
        var schema = _context.Schema(districtId);
        await RefuseSchemaChangeAsync(district, schema, cancellationToken);
        await using var source = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        var tables = _context.Entities.Select(e => Captured(e, schema)).ToList();
        if (await capture.NotEnabledAsync(source, tables, cancellationToken) is { } off)
        {
            throw new ConfigException($"district {districtId}: {off}");
        }

        var to = await capture.PositionAsync(source, cancellationToken);
        var results = new List<DistrictDelta>();
        foreach (var group in _context.Entities.GroupBy(e => e.Target))
        {
            var db = _targets[group.Key];
            if (await DeltaLedger.OfRunAsync(db, runId, district.Tenant, cancellationToken) is { } done)
            {
                results.Add(Result(done, alreadyApplied: true));
                continue;
            }

            var from = await FromAsync(district, group.Key, capture, cancellationToken);
            foreach (var entity in group)
            {
                if (await capture.PositionProblemAsync(source, Captured(entity, schema), from, cancellationToken) is { } problem)
                {
                    throw new ConfigException(
                        $"district {districtId}: {problem}; re-baseline it: `dm run --config {_context.Config.File} --district {districtId} --entity \"{entity.Name}\" --reload`, " +
                        $"or roll the district back (`dm rollback`) and load it again");
                }
            }

            var delta = new DistrictDeltaApplier(_context, district, adapter, capture, db, runId);
            var (applied, before) = await delta.ApplyAsync(source, group.ToList(), from, to, cancellationToken);
            results.Add(Result(applied, alreadyApplied: before));
        }

        var combined = Combine(districtId, results, to);
        using (LogScopes.Begin(_log, runId, districtId))
        {
            EngineLog.DeltaApplied(_log, districtId, combined.Upserted, combined.Deleted, combined.Quarantined);
        }

        return combined;
    }

    /// <summary>Records how the delta ended (<c>completed</c>, <c>stopped</c>, <c>failed</c>) and gives up its leases.</summary>
    public async Task FinishAsync(Guid runId, string state, string? message, CancellationToken cancellationToken)
    {
        _leases.Release(runId);
        foreach (var name in _targets.Names)
        {
            await DeltaLedger.FinishRunAsync(_targets[name], runId, state, message, cancellationToken);
            await Leases.ReleaseAsync(_targets[name], runId, cancellationToken);
        }

        using var scope = LogScopes.Begin(_log, runId);
        EngineLog.DeltaFinished(_log, runId, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _leases.DisposeAsync();
        await _targets.DisposeAsync();
    }

    internal TargetDatabases Targets => _targets;

    internal static CapturedTable Captured(Core.Planning.EntityMapping entity, Core.Model.SourceSchema schema)
    {
        var table = schema.Find(entity.Source);
        return new CapturedTable(table?.Name ?? entity.Source, entity.Key, DeltaMethods.Of(entity.Key, table?.PrimaryKey) == DeltaMethod.ChangeCapture);
    }

    private async Task RefuseCutOverAsync(DistrictSettings district, CancellationToken cancellationToken)
    {
        foreach (var name in _targets.Names)
        {
            if (await DeltaLedger.CutOverAsync(_targets[name], district.Tenant, cancellationToken) is { } cut)
            {
                throw new ConfigException(
                    $"district {district.Id} was cut over at {cut.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z (change position {cut.Position}): no delta applies to it any more");
            }
        }
    }

    private async Task RefuseSchemaChangeAsync(DistrictSettings district, Core.Model.SourceSchema schema, CancellationToken cancellationToken)
    {
        foreach (var group in _context.Entities.GroupBy(e => e.Target))
        {
            var columns = await TargetCatalog.ColumnTypesAsync(_targets[group.Key], group.Select(e => e.TargetSchema).Distinct().ToList(), cancellationToken);
            if (LegacySchemaChange.Find(group, schema, columns) is [var change, ..] all)
            {
                throw new ConfigException(
                    $"district {district.Id}: legacy schema changed since the full load: {change}{(all.Count > 1 ? $" (and {all.Count - 1} more)" : "")}; " +
                    "carry it over before the next delta (see README, Deltas: legacy schema changes)");
            }
        }
    }

    /// <summary>Where the district's next delta starts in one target database: its last delta's end, else its loads' earliest start.</summary>
    private async Task<string> FromAsync(DistrictSettings district, string target, IChangeCapture capture, CancellationToken cancellationToken)
    {
        var db = _targets[target];
        if (await DeltaLedger.LastAsync(db, district.Tenant, cancellationToken) is { } last)
        {
            return last.To;
        }

        var loads = await DeltaLedger.LoadPositionsAsync(db, district.Tenant, cancellationToken);
        var inScope = _context.Entities.Where(e => e.Target == target).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        loads = loads.Where(l => inScope.Contains(l.Entity)).ToList();
        var missing = inScope.FirstOrDefault(e => loads.All(l => l.Entity != e));
        if (missing is not null)
        {
            throw new ConfigException($"district {district.Id}: entity {missing} has no finished full load: run `dm run --config {_context.Config.File} --district {district.Id}` first");
        }

        if (loads.FirstOrDefault(l => l.Position is null || !capture.IsPosition(l.Position)) is { Entity: not null } early)
        {
            throw new ConfigException(
                $"district {district.Id}: the full load of {early.Entity} started before change capture was enabled (position {early.Position ?? "none"}), so changes made meanwhile are unknown: " +
                $"reload it (`dm run --config {_context.Config.File} --district {district.Id} --entity \"{early.Entity}\" --reload`), or roll the district back and load it again");
        }

        return loads.Select(l => l.Position!).MinBy(p => long.Parse(p, CultureInfo.InvariantCulture))!;
    }

    private static DistrictDelta Result(DeltaApplied applied, bool alreadyApplied) =>
        new(applied.District, applied.From, applied.To, applied.Upserted, applied.Deleted, applied.Quarantined, applied.Resolved, applied.Conflicts, applied.Entities, alreadyApplied);

    private static DistrictDelta Combine(string district, IReadOnlyList<DistrictDelta> parts, string to) =>
        parts.Count == 1
            ? parts[0]
            : new DistrictDelta(
                district,
                parts.Select(p => p.From).DefaultIfEmpty(to).MinBy(p => long.Parse(p, CultureInfo.InvariantCulture))!,
                to,
                parts.Sum(p => p.Upserted),
                parts.Sum(p => p.Deleted),
                parts.Sum(p => p.Quarantined),
                parts.Sum(p => p.Resolved),
                parts.Sum(p => p.Conflicts),
                parts.SelectMany(p => p.ChangedEntities).Distinct().ToList(),
                parts.Count > 0 && parts.All(p => p.AlreadyApplied));
}

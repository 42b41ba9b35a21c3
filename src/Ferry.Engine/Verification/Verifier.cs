using System.Diagnostics;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Logging;
using Ferry.Engine.Running;
using Ferry.Engine.Telemetry;
using Ferry.Postgres.Control;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Engine.Verification;

/// <summary>
/// Verifies the districts and entities in scope: for each, source and target are re-read independently and
/// compared (see <see cref="EntityVerifier"/>), entities in parallel, their reading units sharing
/// <see cref="VerifyOptions.Parallelism"/> slots. The result is stored in the target databases (ferry.verify and
/// ferry.verify_entity) before it is returned, so its reports can be written, and written again, from there.
/// Verification only reads the source and the target tables. A database that fails mid-way throws; nothing is stored then.
/// </summary>
public sealed class Verifier(IVerifyObserver observer, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public async Task<VerificationResult> VerifyAsync(MigrationContext context, VerifyOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var config = context.Config;
        using var activity = FerryTelemetry.Source.StartActivity("ferry.verify");

        // Locking reads see rows move during a scan: refused here too unless the configuration accepted them.
        await SourceChecks.BeforeReadingAsync(context, load: false, cancellationToken);
        await using var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        await Registrations.CheckAsync(context, targets, new HashSet<string>(), cancellationToken);
        var parallelism = Math.Max(1, options.Parallelism ?? config.Parallelism);
        var rangeRows = Math.Max(1, options.RangeRows ?? config.BatchSize);
        using var units = new SemaphoreSlim(parallelism);
        using var entitySlots = new SemaphoreSlim(parallelism);
        // The id is known from the start, so the live log of the verification can be stored under it as it goes.
        var verifyId = Guid.CreateVersion7();
        observer.VerifyStarted(verifyId, context.Districts.Count * context.Entities.Count);
        EngineLog.VerifyStarted(_log, verifyId, context.Districts.Count * context.Entities.Count);
        var work = context.Districts
            .SelectMany(d => context.Entities.Select(e => (District: d, Entity: e)))
            .Select(async item =>
            {
                await entitySlots.WaitAsync(cancellationToken);
                using var entityActivity = FerryTelemetry.Source.StartActivity("ferry.verify_entity");
                entityActivity?.SetTag(FerryTelemetry.Tags.District, item.District.Id);
                entityActivity?.SetTag(FerryTelemetry.Tags.Entity, item.Entity.Name);
                try
                {
                    observer.EntityStarted(item.District.Id, item.Entity.Name);
                    var verification = new EntityVerification(
                        item.Entity, item.District, config, SourceAdapters.For(item.District.Source.Provider), targets[item.Entity.Target],
                        context.Schema(item.District.Id), context.Facts.GetValueOrDefault(item.District.Id));
                    var result = await new EntityVerifier(verification, options, rangeRows, parallelism, units).RunAsync(cancellationToken);
                    var tags = new TagList { { FerryTelemetry.Tags.District, item.District.Id }, { FerryTelemetry.Tags.Entity, item.Entity.Name } };
                    FerryTelemetry.RowsVerified.Add(result.SourceRows, tags);
                    tags.Add(FerryTelemetry.Tags.Parity, result.HasParity);
                    FerryTelemetry.EntitiesVerified.Add(1, tags);
                    entityActivity?.SetTag(FerryTelemetry.Tags.Rows, result.SourceRows);
                    entityActivity?.SetTag(FerryTelemetry.Tags.Parity, result.HasParity);
                    observer.EntityVerified(result);
                    using (LogScopes.Begin(_log, district: item.District.Id, entity: item.Entity.Name))
                    {
                        EngineLog.EntityVerified(_log, item.District.Id, item.Entity.Name, result.Status, result.SourceRows, result.TargetRows);
                    }

                    return result;
                }
                finally
                {
                    entitySlots.Release();
                }
            })
            .ToList();
        var results = await Task.WhenAll(work);
        var result = new VerificationResult
        {
            VerifyId = verifyId,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Districts = context.Districts.Select(d => d.Id).ToList(),
            EntityScope = context.Entities.Select(e => e.Name).ToList(),
            Entities = results,
            Host = Environment.MachineName,
        };
        activity?.SetTag(FerryTelemetry.Tags.VerifyId, result.VerifyId);
        activity?.SetTag(FerryTelemetry.Tags.Parity, result.HasParity);
        var targetOf = context.Entities.ToDictionary(e => e.Name, e => e.Target);
        foreach (var name in targets.Names)
        {
            await VerifyStore.SaveAsync(targets[name], result, result.Entities.Where(e => targetOf.GetValueOrDefault(e.Entity) == name), cancellationToken);
        }

        EngineLog.VerifyFinished(_log, result.VerifyId, Parity.Status(result.HasParity), result.Entities.Count);
        return result;
    }
}

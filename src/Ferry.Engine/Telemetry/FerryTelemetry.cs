using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Telemetry;

/// <summary>
/// The engine's traces and metrics, under one name (<see cref="Name"/>) for the <see cref="ActivitySource"/> and the
/// <see cref="Meter"/>, so a host subscribes with <c>AddSource("Ferry")</c> and <c>AddMeter("Ferry")</c> and nothing
/// else. Recorded whether or not anything listens: without a listener an activity is not even created, and an
/// instrument nobody observes costs a branch. Every host (the command line, the durable workers) goes through the
/// same engine steps, so they report the same spans and instruments.
/// </summary>
public static class FerryTelemetry
{
    public const string Name = "Ferry";

    public static readonly ActivitySource Source = new(Name, typeof(FerryTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(FerryTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> RowsRead = Meter.CreateCounter<long>("ferry.rows.read", "{row}", "Legacy rows read by committed batches");

    public static readonly Counter<long> RowsLoaded = Meter.CreateCounter<long>("ferry.rows.loaded", "{row}", "Rows written to the target by committed batches (a dry run's: rows that would be)");

    public static readonly Counter<long> RowsQuarantined = Meter.CreateCounter<long>("ferry.rows.quarantined", "{row}", "Rows moved to the quarantine instead of the target");

    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("ferry.batch.duration", "s", "Time from a batch's first read to its commit");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("ferry.retries", "{retry}", "Transient faults retried (a work item's step run again after a backoff)");

    public static readonly Counter<long> RowsVerified = Meter.CreateCounter<long>("ferry.rows.verified", "{row}", "Legacy rows compared by verifications");

    public static readonly Counter<long> EntitiesVerified = Meter.CreateCounter<long>("ferry.entities.verified", "{entity}", "Entity results of verifications, by parity");

    /// <summary>Tag names, shared by spans and instruments.</summary>
    public static class Tags
    {
        public const string RunId = "ferry.run_id";
        public const string VerifyId = "ferry.verify_id";
        public const string District = "ferry.district";
        public const string Entity = "ferry.entity";
        public const string Batch = "ferry.batch";
        public const string DryRun = "ferry.dry_run";
        public const string Parity = "ferry.parity";
        public const string Rows = "ferry.rows";
    }

    /// <summary>Counts a committed batch; <paramref name="dryRun"/> batches are tagged so dashboards can leave them out.</summary>
    internal static void Record(BatchDescriptor batch, BatchResult result, bool dryRun)
    {
        if (result.Skipped)
        {
            return;
        }

        var tags = new TagList { { Tags.District, batch.District }, { Tags.Entity, batch.Entity }, { Tags.DryRun, dryRun } };
        RowsRead.Add(result.RowsRead, tags);
        RowsLoaded.Add(result.RowsLoaded, tags);
        if (result.RowsRejected > 0)
        {
            RowsQuarantined.Add(result.RowsRejected, tags);
        }

        BatchDuration.Record(result.Elapsed.TotalSeconds, tags);
    }

    /// <summary>Marks a span failed with the one-line description the operator also reads.</summary>
    internal static void Fail(Activity? activity, Exception e)
    {
        activity?.SetStatus(ActivityStatusCode.Error, Work.MigrationEngine.Describe(e));
        activity?.AddException(e);
    }
}

using System.Diagnostics;
using Ferry.Engine.Running;
using Ferry.Engine.Telemetry;
using Ferry.Engine.Verification;
using Ferry.IntegrationTests.Engine;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ferry.IntegrationTests.Telemetry;

/// <summary>Alone: the Ferry source and meter are process-wide, and other tests' runs would add to the counts.</summary>
[CollectionDefinition(nameof(EngineTelemetryTests), DisableParallelization = true)]
public sealed class EngineTelemetryCollection;

[Collection(nameof(EngineTelemetryTests))]
public sealed class EngineTelemetryTests
{
    [Fact]
    public async Task Run_reports_spans_for_the_run_its_districts_and_work_items_and_counts_rows_and_batches()
    {
        await using var f = await MigrationFixture.CreateAsync("otelrun", districts: 2, students: 300, batchSize: 100);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, f.Directory);
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        RunOutcome outcome;
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(FerryTelemetry.Name).AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddMeter(FerryTelemetry.Name).AddInMemoryExporter(metrics).Build())
        {
            outcome = await MigrationFixture.RunAsync(config);
            tracer.ForceFlush();
            meter.ForceFlush();
        }

        Assert.Equal(RunExit.Completed, outcome.Exit);
        var run = Assert.Single(spans, s => s.OperationName == "ferry.run");
        Assert.Equal(outcome.RunId, run.GetTagItem(FerryTelemetry.Tags.RunId));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        var ours = spans.Where(s => s.TraceId == run.TraceId).ToList();
        Assert.Equal(["d001", "d002"], ours.Where(s => s.OperationName == "ferry.plan_district").Select(s => (string)s.GetTagItem(FerryTelemetry.Tags.District)!).Order());
        var items = ours.Where(s => s.OperationName == "ferry.work_item").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, s => Assert.Equal(run.SpanId, s.ParentSpanId));
        Assert.Equal(outcome.RowsRead, items.Sum(s => (long)s.GetTagItem(FerryTelemetry.Tags.Rows)!));
        Assert.Single(ours, s => s.OperationName == "ferry.restore");

        Assert.Equal(outcome.RowsRead, Sum(metrics, "ferry.rows.read"));
        Assert.Equal(outcome.RowsLoaded, Sum(metrics, "ferry.rows.loaded"));
        Assert.True(outcome.RowsRejected > 0, "the fixture has orphans to quarantine");
        Assert.Equal(outcome.RowsRejected, Sum(metrics, "ferry.rows.quarantined"));
        var batches = await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.batch WHERE state = 'done'");
        Assert.Equal(batches, Points(metrics, "ferry.batch.duration").Sum(p => p.GetHistogramCount()));
    }

    [Fact]
    public async Task Verify_reports_a_span_per_entity_result_and_counts_the_rows_it_compared()
    {
        await using var f = await MigrationFixture.CreateAsync("otelverify", districts: 1, students: 200, batchSize: 100);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, f.Directory);
        await MigrationFixture.RunAsync(config);
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        Ferry.Core.Reconciliation.VerificationResult result;
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(FerryTelemetry.Name).AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddMeter(FerryTelemetry.Name).AddInMemoryExporter(metrics).Build())
        {
            var context = await MigrationContext.ResolveAsync(config, [], [], CancellationToken.None);
            result = await new Verifier(new Silent()).VerifyAsync(context, new VerifyOptions(), CancellationToken.None);
            tracer.ForceFlush();
            meter.ForceFlush();
        }

        var verify = Assert.Single(spans, s => s.OperationName == "ferry.verify");
        Assert.Equal(result.VerifyId, verify.GetTagItem(FerryTelemetry.Tags.VerifyId));
        Assert.Equal(true, verify.GetTagItem(FerryTelemetry.Tags.Parity));
        Assert.Equal(result.Entities.Count, spans.Count(s => s.OperationName == "ferry.verify_entity" && s.ParentSpanId == verify.SpanId));
        Assert.Equal(result.SourceRows, Sum(metrics, "ferry.rows.verified"));
        Assert.Equal(result.Entities.Count, Sum(metrics, "ferry.entities.verified"));
    }

    /// <summary>The instrument's points in the last export: cumulative, so each export repeats the totals so far.</summary>
    private static IReadOnlyList<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name) =>
        metrics.LastOrDefault(m => m.Name == name)?.MetricPoints ?? [];

    private static long Sum(IEnumerable<MetricSnapshot> metrics, string name) => Points(metrics, name).Sum(p => p.GetSumLong());

    private sealed class Silent : IVerifyObserver
    {
        public void EntityVerified(Ferry.Core.Reconciliation.EntityReconciliation result)
        {
        }
    }
}

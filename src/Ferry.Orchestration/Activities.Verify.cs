using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Verification;
using Ferry.Orchestration.Steps;
using Ferry.Reports;
using Ferry.Reports.Sinks;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary>The activity log's file beside the reports of the run.</summary>
    public const string ActivityLogFile = "activity.ndjson";

    private static readonly JsonSerializerOptions LogJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// <see cref="OrchestrationNames.VerifyDistrict"/>: verifies one district (every entity in scope), stored as a
    /// verification of its own; a database failing mid-way throws and stores nothing.
    /// </summary>
    public async Task<VerifyOutput> VerifyDistrictAsync(VerifyInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.VerifyDistrict, input.Instance, input.Attempt, district: input.District), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            var context = await MigrationContext.ResolveAsync(cfg, [input.District], input.Scope.Entities ?? [], cancellationToken);
            var result = await new Verifier(new NoVerifyProgress(), Loggers.CreateLogger("Ferry.Engine")).VerifyAsync(context, new VerifyOptions(), cancellationToken);
            return new VerifyOutput(input.District, result.VerifyId, result.HasParity, result.Entities.Count, result.Entities.Count(e => !e.HasParity), result.SourceRows);
        }, r => r.SourceRows, cancellationToken);
    }

    /// <summary>
    /// <see cref="OrchestrationNames.PublishReports"/>: writes the run's reports and each verification's under
    /// <c>runs/{id}/</c>, and the orchestration's activity log as <c>runs/{run or instance}/activity.ndjson</c>. A
    /// configuration without <c>reports:</c> writes nothing; storage that refuses is returned as the failure (the data
    /// is committed; the reports can be written again).
    /// </summary>
    public async Task<PublishOutput> PublishReportsAsync(PublishInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.PublishReports, input.Instance, input.Attempt, input.RunId), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            if (ReportSinks.Create(cfg.Reports, cfg.File) is not { } sink)
            {
                return new PublishOutput(null, [], null);
            }

            try
            {
                var prefixes = new List<string>();
                string? summary = null;
                foreach (var id in (input.RunId is { } run ? [run] : Array.Empty<Guid>()).Concat(input.Verifications))
                {
                    await using var source = await AuditSource.OpenAsync(cfg, id, cancellationToken);
                    if (source is null)
                    {
                        continue;
                    }

                    var published = await ReportPublisher.PublishAsync(source.Report, source, sink, cancellationToken);
                    prefixes.Add(published.Prefix);
                    summary ??= published.SummaryPath;
                }

                var logPrefix = $"runs/{(input.RunId is { } r ? r.ToString("D") : input.Instance)}/";
                var events = await log.ReadAsync(input.Instance, cancellationToken);
                await sink.WriteAsync(logPrefix + ActivityLogFile, "application/x-ndjson", async (stream, ct) =>
                {
                    var newline = "\n"u8.ToArray();
                    foreach (var e in events)
                    {
                        await JsonSerializer.SerializeAsync(stream, e, LogJson, ct);
                        await stream.WriteAsync(newline, ct);
                    }
                }, cancellationToken);
                if (!prefixes.Contains(logPrefix))
                {
                    prefixes.Add(logPrefix);
                }

                if (summary is not null)
                {
                    var files = await sink.ListAsync(summary[..(summary.LastIndexOf('/') + 1)], TimeSpan.FromHours(24), cancellationToken);
                    summary = files.FirstOrDefault(f => f.Path == summary)?.Link ?? summary;
                }

                return new PublishOutput(summary, prefixes, null);
            }
            catch (ReportStorageException e)
            {
                return new PublishOutput(null, [], $"{e.Message}; the data is committed: write the reports again with `dm reports --rewrite`");
            }
        }, cancellationToken: cancellationToken);
    }

    private sealed class NoVerifyProgress : IVerifyObserver
    {
        public void EntityVerified(EntityReconciliation result)
        {
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Ferry.Engine.Logging;

/// <summary>
/// The engine's log events, source-generated so a work item's line costs no formatting when the level is off. Each
/// figure is a named value (JSON output carries it as a field); the run, district, entity and work item come from
/// <see cref="LogScopes"/>. Event ids are stable: 1xx run, 2xx planning and work, 3xx constraints, 4xx verification,
/// 5xx deltas (a rollback's lines are <see cref="Note"/>s).
/// </summary>
internal static partial class EngineLog
{
    public const string Category = "Ferry.Engine";

    [LoggerMessage(100, LogLevel.Information, "run {RunId} {How}: {Districts} district(s), {Entities} entities")]
    public static partial void RunStarted(ILogger logger, Guid runId, string how, int districts, int entities);

    [LoggerMessage(101, LogLevel.Information, "run {RunId} {State} in {Seconds:0.0} s: {RowsRead} read, {RowsLoaded} loaded, {RowsQuarantined} quarantined")]
    public static partial void RunFinished(ILogger logger, Guid runId, string state, double seconds, long rowsRead, long rowsLoaded, long rowsQuarantined);

    [LoggerMessage(102, LogLevel.Error, "run {RunId} failed: {Reason}")]
    public static partial void RunFailed(ILogger logger, Guid runId, string reason);

    [LoggerMessage(103, LogLevel.Information, "run {RunId} recorded as {State}")]
    public static partial void RunRecorded(ILogger logger, Guid runId, string state);

    [LoggerMessage(104, LogLevel.Warning, "run {RunId}: its lease had lapsed; taken back")]
    public static partial void LeaseTakenBack(ILogger logger, Guid runId);

    [LoggerMessage(105, LogLevel.Information, "{Text}")]
    public static partial void Note(ILogger logger, string text);

    [LoggerMessage(200, LogLevel.Information, "{District}: {Loads} load(s) planned, {Batches} batch(es), {PlannedRows} rows, {Done} loaded earlier")]
    public static partial void DistrictPlanned(ILogger logger, string district, int loads, int batches, long plannedRows, int done);

    [LoggerMessage(201, LogLevel.Information, "{WorkItem}: {Batches} batch(es), {Rows} rows read, {Loaded} loaded, {Quarantined} quarantined in {Seconds:0.00} s")]
    public static partial void WorkItemDone(ILogger logger, string workItem, int batches, long rows, long loaded, long quarantined, double seconds);

    [LoggerMessage(202, LogLevel.Warning, "{WorkItem}: {Quarantined} row(s) quarantined ({Reasons})")]
    public static partial void RowsQuarantined(ILogger logger, string workItem, long quarantined, string reasons);

    [LoggerMessage(203, LogLevel.Warning, "transient fault, attempt {Attempt} of {Attempts} in {DelaySeconds:0.#} s: {Error}")]
    public static partial void Retrying(ILogger logger, int attempt, int attempts, double delaySeconds, string error);

    [LoggerMessage(204, LogLevel.Error, "{WorkItem} failed: {Error}")]
    public static partial void WorkItemFailed(ILogger logger, string workItem, string error);

    [LoggerMessage(205, LogLevel.Information, "{District} {Entity}: loaded")]
    public static partial void LoadFinished(ILogger logger, string district, string entity);

    [LoggerMessage(300, LogLevel.Information, "target {Target}: {ForeignKeys} foreign key(s) and {Indexes} index(es) deferred")]
    public static partial void Deferred(ILogger logger, string target, int foreignKeys, int indexes);

    [LoggerMessage(301, LogLevel.Information, "target {Target}: restoring deferred indexes and foreign keys")]
    public static partial void Restoring(ILogger logger, string target);

    [LoggerMessage(302, LogLevel.Information, "target {Target}: {IndexedTables} table(s) indexed, foreign keys restored, {Moved} row(s) moved to quarantine, {Waiting} foreign key(s) still waiting")]
    public static partial void Restored(ILogger logger, string target, int indexedTables, long moved, int waiting);

    [LoggerMessage(303, LogLevel.Information, "target {Target}: other runs are still loading; the last to finish restores")]
    public static partial void RestoreLeftToOthers(ILogger logger, string target);

    [LoggerMessage(400, LogLevel.Information, "verification {VerifyId} started: {Entities} entity result(s) to compare")]
    public static partial void VerifyStarted(ILogger logger, Guid verifyId, int entities);

    [LoggerMessage(401, LogLevel.Information, "{District} {Entity}: {Parity}, {SourceRows} source rows, {TargetRows} target rows")]
    public static partial void EntityVerified(ILogger logger, string district, string entity, string parity, long sourceRows, long targetRows);

    [LoggerMessage(402, LogLevel.Information, "verification {VerifyId} finished: {Parity}, {Entities} entity result(s)")]
    public static partial void VerifyFinished(ILogger logger, Guid verifyId, string parity, int entities);

    [LoggerMessage(500, LogLevel.Information, "delta run {RunId} {How}")]
    public static partial void DeltaStarted(ILogger logger, Guid runId, string how);

    [LoggerMessage(501, LogLevel.Information, "{District}: delta applied, {Upserted} upserted, {Deleted} deleted, {Quarantined} quarantined")]
    public static partial void DeltaApplied(ILogger logger, string district, long upserted, long deleted, long quarantined);

    [LoggerMessage(502, LogLevel.Information, "delta run {RunId} recorded as {State}")]
    public static partial void DeltaFinished(ILogger logger, Guid runId, string state);
}

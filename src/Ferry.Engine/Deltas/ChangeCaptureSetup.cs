using Ferry.Engine.Running;
using Ferry.Postgres.Control.Deltas;

namespace Ferry.Engine.Deltas;

/// <summary>
/// The statements that turn one district's change capture on or off, in its legacy database, and the tables they leave
/// out because capture cannot follow them (their deltas are diff-based).
/// </summary>
public sealed record CaptureStatements(string District, string Database, IReadOnlyList<string> Statements, IReadOnlyList<string> DiffBasedTables);

/// <summary>
/// <c>dm delta enable|disable</c>: the statements per district (printed), and with apply their execution in each
/// legacy database, each statement idempotent. Enabling also installs, on every target table in scope, the trigger
/// that notes writes by other roles (what conflict detection reads).
/// </summary>
public static class ChangeCaptureSetup
{
    public static IReadOnlyList<CaptureStatements> Plan(MigrationContext context, bool enable) =>
        context.Districts.Select(d =>
        {
            var capture = ChangeCaptures.For(d.Source.Provider);
            var schema = context.Schema(d.Id);
            var tables = context.Entities.Select(e => DeltaEngine.Captured(e, schema)).ToList();
            var database = context.Facts.TryGetValue(d.Id, out var facts) ? facts.Database : d.Id;
            return new CaptureStatements(
                d.Id, database, enable ? capture.EnableStatements(database, tables) : capture.DisableStatements(database, tables),
                tables.Where(t => !t.Tracked).Select(t => t.Table.ToString()).ToList());
        }).ToList();

    /// <summary>
    /// One line per district whose change capture is off while its full load starts: a delta could not tell what
    /// changed during and after the load, so the load would have to be done again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LoadWarningsAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var district in context.Districts)
        {
            var capture = ChangeCaptures.For(district.Source.Provider);
            var schema = context.Schema(district.Id);
            var adapter = SourceAdapters.For(district.Source.Provider);
            await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
            if (await capture.NotEnabledAsync(connection, context.Entities.Select(e => DeltaEngine.Captured(e, schema)).ToList(), cancellationToken) is { } off)
            {
                lines.Add($"district {district.Id}: {off.Replace(" (run `dm delta enable --apply`)", "", StringComparison.Ordinal)}: deltas after this load will need a reload; run `dm delta enable --config {context.Config.File} --apply` before the full load");
            }
        }

        return lines;
    }

    public static async Task ApplyAsync(MigrationContext context, IReadOnlyList<CaptureStatements> plan, bool enable, CancellationToken cancellationToken)
    {
        foreach (var p in plan)
        {
            var district = context.Config.District(p.District);
            var adapter = SourceAdapters.For(district.Source.Provider);
            await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
            foreach (var statement in p.Statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (enable)
        {
            await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
            foreach (var group in context.Entities.GroupBy(e => e.Target))
            {
                await DeltaLedger.WatchForeignWritesAsync(targets[group.Key], group.Select(e => (e.TargetSchema, e.TargetTable)).ToList(), cancellationToken);
            }
        }
    }
}

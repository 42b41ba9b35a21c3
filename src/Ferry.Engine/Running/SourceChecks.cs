using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Model;

namespace Ferry.Engine.Running;

/// <summary>
/// What is checked on each district's source before anything is written, and after each load: the login can read
/// every table it must (refused otherwise, listing them), reads are consistent or locking reads were accepted, Change
/// Tracking follows the loaded tables, and the change position a load recorded can still start a delta. Refusals are
/// one-line <see cref="ConfigException"/>s (exit 2); the rest are lines for the operator.
/// </summary>
internal static class SourceChecks
{
    /// <summary>
    /// Refuses, naming every table and column, when the login cannot read some of <paramref name="tables"/>; returns
    /// the adapter's warning about tables it might not even see, or null.
    /// </summary>
    public static async Task<string?> RequireAccessAsync(DistrictSettings district, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        var access = await AccessAsync(district, tables, cancellationToken);
        if (access.Problems.Count > 0)
        {
            throw new ConfigException(Refusal(district, access));
        }

        return Warning(district, access);
    }

    /// <summary>What the login lacks to read <paramref name="tables"/>, as the adapter finds it.</summary>
    public static async Task<SourceAccess> AccessAsync(DistrictSettings district, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        await using var connection = await OpenAsync(district, adapter, cancellationToken);
        return await adapter.CheckAccessAsync(connection, tables, cancellationToken);
    }

    /// <summary>The one line that refuses a district whose login lacks permissions, naming every table and column and what it lacks.</summary>
    public static string Refusal(DistrictSettings district, SourceAccess access) =>
        $"district {district.Id}: the login cannot read {access.Problems.Select(p => p.Table).Distinct().Count()} table(s) in scope, nothing was loaded: "
        + string.Join("; ", access.Problems);

    /// <summary>The adapter's warning about tables the login might not even see, for the district; null when none.</summary>
    public static string? Warning(DistrictSettings district, SourceAccess access) => access.Warning is null ? null : $"district {district.Id}: {access.Warning}";

    /// <summary>What <see cref="BeforeReadingAsync"/> found: lines to show, and the districts read with locking reads.</summary>
    public sealed record Reading(IReadOnlyList<string> Lines, IReadOnlyList<string> LockingDistricts);

    /// <summary>
    /// Refuses when a district's reads would be locking and its configuration did not accept that; otherwise says
    /// which districts are read with accepted locking reads (verification required), and with <paramref name="load"/>
    /// which tables Change Tracking does not follow.
    /// </summary>
    public static async Task<Reading> BeforeReadingAsync(MigrationContext context, bool load, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var locking = new List<string>();
        var tables = context.Entities.Select(e => e.Source).ToList();
        foreach (var district in context.Districts)
        {
            var adapter = SourceAdapters.For(district.Source.Provider);
            await using var connection = await OpenAsync(district, adapter, cancellationToken);
            if (IsolationPolicy.Check(district, await adapter.ReadConsistencyAsync(connection, cancellationToken)) is { } accepted)
            {
                lines.Add(accepted);
                locking.Add(district.Id);
            }

            if (load && await adapter.UntrackedTablesAsync(connection, tables, cancellationToken) is { Count: > 0 } untracked)
            {
                lines.Add($"district {district.Id}: Change Tracking is on but does not follow {string.Join(", ", untracked)}: a later delta would miss their changes");
            }
        }

        return new Reading(lines, locking);
    }

    /// <summary>One line when the change position recorded for a load can no longer start a delta; null otherwise.</summary>
    public static async Task<string?> ChangePositionAsync(DistrictSettings district, TableName table, string? position, CancellationToken cancellationToken)
    {
        if (position is null)
        {
            return null;
        }

        var adapter = SourceAdapters.For(district.Source.Provider);
        await using var connection = await OpenAsync(district, adapter, cancellationToken);
        return await adapter.ChangePositionProblemAsync(connection, table, position, cancellationToken) is { } problem
            ? $"district {district.Id}, entity {table}: {problem}"
            : null;
    }

    private static async Task<System.Data.Common.DbConnection> OpenAsync(DistrictSettings district, ISourceAdapter adapter, CancellationToken cancellationToken)
    {
        try
        {
            return await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        }
        catch (SourceUnavailableException e)
        {
            throw new SourceUnavailableException($"district {district.Id}: {e.Message}", e);
        }
    }
}

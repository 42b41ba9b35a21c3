using System.CommandLine;
using Ferry.Cli.Commands;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Telemetry;

namespace Ferry.Cli;

/// <summary>The <c>dm</c> command line: verbs, one-line errors and exit codes.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Ferry (dm): migrate legacy district databases into multi-tenant PostgreSQL, resumably and without losing a row.")
        {
            SampleCommand.Create(),
            ScaffoldCommand.Create(),
            ValidateCommand.Create(),
            PlanCommand.Create(),
            RunCommand.Create(),
            RollbackCommand.Create(),
            DeltaCommand.Create(),
            CutoverCommand.Create(),
            PurgeCommand.Create(),
            StatusCommand.Create(),
            DemoCommand.Create(),
            VerifyCommand.Create(),
            ReportsCommand.Create(),
            TokenCommand.Create(),
            BenchCommand.Create(),
            ServeCommand.Create(),
            ServeCommand.CreateWorker(),
        };
        if (args.Length == 0)
        {
            return await root.Parse("--help").InvokeAsync();
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var verb = parse.CommandResult.Command == root ? "dm" : $"dm {parse.CommandResult.Command.Name}";
            if (parse.CommandResult.Command == root && !args[0].StartsWith('-'))
            {
                var closest = Closest(args[0], root.Subcommands.Select(c => c.Name));
                await Console.Error.WriteLineAsync($"error: unknown verb '{args[0]}'{(closest is null ? "" : $" (did you mean '{closest}'?)")} (see dm --help)");
                return ExitCodes.Usage;
            }

            // Every problem at once, on one line: fixing them one run at a time wastes the operator's time.
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))} (see {verb} --help)");
            return ExitCodes.Usage;
        }

        try
        {
            LocalSettings.Apply();
            using var telemetry = TelemetryExport.Start(TelemetrySettings.From(Environment.GetEnvironmentVariable), "dm");
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (TelemetrySettingsException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (ConfigException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (SourceUnavailableException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException)
        {
            return Fail("interrupted", ExitCodes.Failed);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // A database or the network failed outside a run's own handling (while starting or finishing): what was
            // committed stays, and running again resumes.
            return Fail(Ferry.Engine.Work.MigrationEngine.Describe(e), ExitCodes.Failed);
        }
    }

    /// <summary>The candidate nearest to <paramref name="word"/> by edit distance, if it is near enough to be a typo.</summary>
    internal static string? Closest(string word, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: EditDistance(word.ToLowerInvariant(), c)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, best.Name.Length / 3) ? best.Name : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    public static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}

using System.CommandLine;
using Ferry.Cli.Commands;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;

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
            RunCommand.Create(),
            StatusCommand.Create(),
            DemoCommand.Create(),
            VerifyCommand.Create(),
            ReportsCommand.Create(),
            BenchCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var verb = parse.CommandResult.Command == root ? "dm" : $"dm {parse.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"error: {parse.Errors[0].Message} (see {verb} --help)");
            return ExitCodes.Usage;
        }

        try
        {
            LocalSettings.Apply();
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (ConfigException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (SourceUnavailableException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Fail($"local.settings.json: {e.Message}", ExitCodes.Usage);
        }
        catch (OperationCanceledException)
        {
            return Fail("interrupted", ExitCodes.Failed);
        }
    }

    public static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}

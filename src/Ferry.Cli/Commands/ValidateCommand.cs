using System.CommandLine;
using System.Globalization;
using Ferry.Engine.Validation;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm validate</c>: everything that can be checked without loading (see <see cref="Validator"/>), one line per
/// problem, or "ready". Exit 0 ready, 2 when there is any problem.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command(
            "validate",
            "Check without loading: configuration, connections, permissions, every district's schema against the first's, the mapping against the target, Change Tracking, the reports storage. One line per problem, or ready. Exit 0 ready, 2 any problem")
        {
            config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var result = await Validator.ValidateAsync(cfg, cancellationToken);
            foreach (var problem in result.Problems)
            {
                Console.WriteLine(problem);
            }

            foreach (var note in result.Notes)
            {
                Console.WriteLine($"note: {note}");
            }

            var checkedWhat = string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Districts} district(s), {result.Entities} entities, {result.Targets} target database(s) checked in {result.Elapsed.TotalSeconds:N1} s");
            if (result.Ready)
            {
                Console.WriteLine($"ready: {checkedWhat}");
                return ExitCodes.Ok;
            }

            return CliApp.Fail($"not ready: {result.Problems.Count} problem(s); {checkedWhat}", ExitCodes.Usage);
        });
        return command;
    }
}

using System.CommandLine;
using Ferry.Core.Configuration;

namespace Ferry.Cli.Commands;

/// <summary>Options shared by the verbs that work from a configuration file.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "The migration configuration (YAML); ${ENV} references are expanded from the environment",
        Required = true,
    };

    public static Option<string[]> District() => new("--district", "-d")
    {
        Description = "Only this district id (repeatable); default: every configured district",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Entity() => new("--entity", "-e")
    {
        Description = "Only entities matching this glob over schema.Table, e.g. dbo.Student* (repeatable); default: every configured entity",
    };

    /// <summary><c>--parallelism</c>, checked when the command line is parsed (1..256, as the configuration key), before anything runs.</summary>
    public static Option<int?> Parallelism(string description)
    {
        var option = new Option<int?>("--parallelism") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value and (< 1 or > 256))
            {
                result.AddError($"--parallelism {value}: must be between 1 and 256");
            }
        });
        return option;
    }

    /// <summary><c>--log-format plain|json</c>: log lines instead of the live table (plain is also what redirected output gets).</summary>
    public static Option<string?> LogFormat()
    {
        var option = new Option<string?>("--log-format")
        {
            Description = "Progress as log lines: plain (a time and a sentence, the default when output is not a terminal) or json (one object per line, run, district and entity as scopes); default on a terminal: a live table",
        };
        option.AcceptOnlyFromAmong(Output.LogFormats.Plain, Output.LogFormats.Json);
        return option;
    }

    public static MigrationConfig Load(ParseResult parse, Option<string> config) => ConfigLoader.Load(parse.GetRequiredValue(config));

    public static IReadOnlyList<string> Values(ParseResult parse, Option<string[]> option) => parse.GetValue(option) ?? [];
}

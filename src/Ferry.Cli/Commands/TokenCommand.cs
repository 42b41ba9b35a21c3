using System.CommandLine;
using Ferry.Api.Auth;
using Ferry.Core.Configuration;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm token --role ROLE</c>: prints a bearer token signed by the development key (the setting
/// <c>FERRY_DEV_SIGNING_KEY</c>, from the environment or local.settings.json) for the HTTP API of a host running in the
/// Development environment, for tests and the local demo. Hosts in any other environment refuse such a token (401).
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string[]>("--role")
        {
            Description = $"App role the token carries, repeatable ({string.Join(", ", ApiRoles.All)})",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string>("--name") { Description = "Who the token names (recorded with each operator action)", DefaultValueFactory = _ => Environment.UserName };
        var expires = new Option<string>("--expires") { Description = $"How long the token is valid ({Durations.Examples})", DefaultValueFactory = _ => "8h" };
        var command = new Command("token", "Print a development bearer token for the HTTP API of a host in the Development environment. Exit 0, 2 usage (unknown role, no FERRY_DEV_SIGNING_KEY)")
        {
            role, name, expires,
        };
        command.SetAction(parse =>
        {
            var roles = parse.GetValue(role) ?? [];
            if (roles.FirstOrDefault(r => !ApiRoles.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
            {
                return CliApp.Fail($"--role: unknown role '{unknown}' (one of {string.Join(", ", ApiRoles.All)})", ExitCodes.Usage);
            }

            if (Environment.GetEnvironmentVariable(DevelopmentTokens.KeySetting) is not { Length: > 0 } key)
            {
                return CliApp.Fail($"{DevelopmentTokens.KeySetting} is not set: put a development key of at least 32 characters in local.settings.json (never a production setting)", ExitCodes.Usage);
            }

            var lifetime = Durations.Parse(parse.GetRequiredValue(expires), "--expires");
            Console.WriteLine(DevelopmentTokens.Create(key, parse.GetRequiredValue(name), roles.Distinct(StringComparer.Ordinal).ToList(), lifetime));
            return ExitCodes.Ok;
        });
        return command;
    }
}

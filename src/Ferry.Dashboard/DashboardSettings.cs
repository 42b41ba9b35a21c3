using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ferry.Dashboard;

/// <summary>The <c>Dashboard</c> section as options; the development token is offered by default only in the Development environment.</summary>
public static class DashboardSettings
{
    public static DashboardOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(DashboardOptions.Section);
        return new DashboardOptions
        {
            ClientId = section[nameof(DashboardOptions.ClientId)],
            Authority = section[nameof(DashboardOptions.Authority)],
            Scope = section[nameof(DashboardOptions.Scope)],
            KnownAuthorities = List(section.GetSection(nameof(DashboardOptions.KnownAuthorities))),
            DevelopmentSignIn = bool.TryParse(section[nameof(DashboardOptions.DevelopmentSignIn)], out var on) ? on : environment.IsDevelopment(),
        };
    }

    /// <summary>
    /// A list given either as one comma-separated value (what an environment variable or an app setting holds) or as
    /// an array (<c>KnownAuthorities:0</c>, ... in JSON settings).
    /// </summary>
    private static string[] List(IConfigurationSection section) =>
        (section.Value is { } value ? value.Split(',') : section.GetChildren().Select(c => c.Value ?? ""))
            .Select(v => v.Trim())
            .Where(v => v.Length > 0)
            .ToArray();
}

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
            DevelopmentSignIn = bool.TryParse(section[nameof(DashboardOptions.DevelopmentSignIn)], out var on) ? on : environment.IsDevelopment(),
        };
    }
}

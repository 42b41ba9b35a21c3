using Ferry.Core.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Identity.Web;

namespace Ferry.Api.Auth;

/// <summary>
/// Registers the bearer schemes: Microsoft Entra ID through Microsoft.Identity.Web (settings section
/// <see cref="EntraSection"/>: <c>Instance</c>, <c>TenantId</c>, <c>ClientId</c>, <c>Audience</c>), and in the
/// Development environment only, tokens signed by the development key (<see cref="DevelopmentTokens"/>).
/// Outside Development the Entra ID settings are required: a host without them refuses to start, naming the setting,
/// rather than answering every request with 401.
/// </summary>
public static class ApiAuthentication
{
    public const string EntraSection = "AzureAd";

    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var schemes = new List<string>();
        var authentication = services.AddAuthentication();
        var entra = configuration.GetSection(EntraSection);
        if (!string.IsNullOrWhiteSpace(entra["ClientId"]))
        {
            if (string.IsNullOrWhiteSpace(entra["TenantId"]) && string.IsNullOrWhiteSpace(entra["Authority"]))
            {
                throw new ConfigException($"{EntraSection}:TenantId is not set: name the Entra ID tenant whose tokens the API accepts");
            }

            authentication.AddMicrosoftIdentityWebApi(entra, JwtBearerDefaults.AuthenticationScheme);
            schemes.Add(JwtBearerDefaults.AuthenticationScheme);
        }
        else if (!environment.IsDevelopment())
        {
            throw new ConfigException($"{EntraSection}:ClientId is not set: the API accepts Microsoft Entra ID tokens for that application (outside Development there is no other way in)");
        }

        if (environment.IsDevelopment() && configuration[DevelopmentTokens.KeySetting] is { Length: > 0 } key)
        {
            var validation = DevelopmentTokens.Validation(key);
            authentication.AddJwtBearer(DevelopmentTokens.Scheme, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = validation;
            });
            schemes.Add(DevelopmentTokens.Scheme);
        }

        services.AddSingleton(new ApiAuthSchemes(schemes));
    }
}

using System.Security.Claims;
using System.Text;
using Ferry.Core.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ferry.Api.Auth;

/// <summary>
/// Bearer tokens signed by a development key (the setting <see cref="KeySetting"/>, which exists only in local
/// settings) for tests and the local demo. A host honours them only in the Development environment; anywhere else the
/// scheme is not even registered, so such a token is a 401 like any other unknown token.
/// </summary>
public static class DevelopmentTokens
{
    public const string KeySetting = "FERRY_DEV_SIGNING_KEY";

    public const string Scheme = "FerryDevelopment";

    public const string Issuer = "ferry-development";

    public const string Audience = "ferry-api";

    /// <summary>HMAC-SHA256 wants a key of at least 256 bits.</summary>
    private const int MinimumKeyLength = 32;

    /// <summary>A token for <paramref name="name"/> carrying <paramref name="roles"/> in the <c>roles</c> claim, as Entra ID puts app roles.</summary>
    public static string Create(string key, string name, IReadOnlyCollection<string> roles, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var issued = now ?? DateTimeOffset.UtcNow;
        var claims = new List<Claim> { new("name", name), new("sub", name) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime.AddMinutes(-1),
            Expires = (issued + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static TokenValidationParameters Validation(string key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey(key),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = "name",
        RoleClaimType = "roles",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <exception cref="ConfigException">The key is shorter than 32 characters.</exception>
    public static SymmetricSecurityKey SigningKey(string key) =>
        key.Length >= MinimumKeyLength
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new ConfigException($"{KeySetting} must be at least {MinimumKeyLength} characters long");
}

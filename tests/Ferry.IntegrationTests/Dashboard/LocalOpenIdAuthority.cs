using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ferry.IntegrationTests.Dashboard;

/// <summary>
/// An OpenID Connect authority on 127.0.0.1 laid out as Microsoft Entra ID's v2.0 endpoints of one tenant
/// (<c>{tenant}/v2.0/.well-known/openid-configuration</c>, <c>{tenant}/oauth2/v2.0/authorize</c> and <c>token</c>,
/// <c>{tenant}/discovery/v2.0/keys</c>), so that MSAL.js and Microsoft.Identity.Web talk to it as they would to Entra.
/// It serves HTTPS with a certificate made for the test (MSAL.js refuses an authority over http). Its authorize
/// endpoint signs <see cref="User"/> in without a page (authorization code with PKCE); its token endpoint checks the
/// code verifier and returns an ID token and an access token for the API, carrying the user's app roles, signed with
/// an RSA key of its own, published in its key set. With <see cref="SignWithUnpublishedKey"/> it signs access tokens
/// with another key instead: a forged token, as far as the API can tell.
/// </summary>
internal sealed class LocalOpenIdAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = NewKey("published");
    private readonly RsaSecurityKey _unpublished = NewKey("unpublished");
    private readonly ConcurrentDictionary<string, Authorization> _codes = new(StringComparer.Ordinal);
    private int _redeemed;

    private LocalOpenIdAuthority(WebApplication app, X509Certificate2 certificate, string tenant, string spaClientId, string apiClientId)
    {
        _app = app;
        Certificate = certificate;
        Tenant = tenant;
        SpaClientId = spaClientId;
        ApiClientId = apiClientId;
    }

    public X509Certificate2 Certificate { get; }

    public string Tenant { get; }

    /// <summary>The dashboard's (single-page application's) client id.</summary>
    public string SpaClientId { get; }

    /// <summary>The API's client id: the audience of its access tokens.</summary>
    public string ApiClientId { get; }

    /// <summary>The scope the dashboard asks for, as the API's app registration exposes it.</summary>
    public string ApiScope => $"api://{ApiClientId}/user_impersonation";

    /// <summary><c>https://127.0.0.1:{port}/</c>: what the API's <c>AzureAd:Instance</c> names.</summary>
    public string Instance { get; private set; } = "";

    /// <summary><c>127.0.0.1:{port}</c>: the host MSAL.js is told to trust.</summary>
    public string Host => new Uri(Instance).Authority;

    /// <summary>The authority the dashboard signs in with: the instance and the tenant.</summary>
    public string Authority => Instance + Tenant;

    public string Issuer => $"{Authority}/v2.0";

    /// <summary>The redirect URIs registered for the dashboard; any other is refused, as Entra ID does.</summary>
    public List<string> RedirectUris { get; } = [];

    /// <summary>Who the authorize endpoint signs in.</summary>
    public (string Name, string[] Roles) User { get; set; } = ("Test User", []);

    public bool SignWithUnpublishedKey { get; set; }

    /// <summary>How many codes the token endpoint redeemed, each with its verifier checked.</summary>
    public int Redeemed => Volatile.Read(ref _redeemed);

    /// <summary>A handler that trusts this authority's certificate and no other self-signed one: the API's way to reach it.</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate?.GetCertHashString() == Certificate.GetCertHashString(),
        },
    };

    public static async Task<LocalOpenIdAuthority> StartAsync()
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authority = new LocalOpenIdAuthority(app, certificate, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        authority.Map(app);
        await app.StartAsync();
        authority.Instance = app.Urls.First().TrimEnd('/') + "/";
        return authority;
    }

    private void Map(WebApplication app)
    {
        // The page calls discovery and the token endpoint from its own origin.
        app.Use(async (http, next) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            if (HttpMethods.IsOptions(http.Request.Method))
            {
                http.Response.Headers.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders;
                http.Response.Headers.AccessControlAllowMethods = "GET, POST";
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(http);
        });
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => tenant == Tenant ? Results.Json(Discovery()) : Results.NotFound());
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => tenant == Tenant ? Results.Json(new { keys = new[] { Jwk(_key) } }) : Results.NotFound());
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (string tenant, HttpRequest request) => tenant == Tenant ? Authorize(request.Query) : Results.NotFound());
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
            tenant == Tenant ? Token(await request.ReadFormAsync()) : Results.NotFound());
    }

    private object Discovery() => new
    {
        issuer = Issuer,
        authorization_endpoint = $"{Authority}/oauth2/v2.0/authorize",
        token_endpoint = $"{Authority}/oauth2/v2.0/token",
        jwks_uri = $"{Authority}/discovery/v2.0/keys",
        response_types_supported = new[] { "code" },
        response_modes_supported = new[] { "query", "fragment" },
        subject_types_supported = new[] { "pairwise" },
        id_token_signing_alg_values_supported = new[] { "RS256" },
        code_challenge_methods_supported = new[] { "S256" },
        scopes_supported = new[] { "openid", "profile", "email", "offline_access" },
    };

    private IResult Authorize(IQueryCollection query)
    {
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != SpaClientId || !RedirectUris.Contains(redirect))
        {
            return Results.BadRequest($"unknown client '{query["client_id"]}' or redirect URI '{redirect}'");
        }

        if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || query["code_challenge"].ToString() is not { Length: > 0 } challenge)
        {
            return Results.BadRequest("only the authorization code flow with PKCE (S256) is offered");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Authorization(challenge, redirect, query["scope"].ToString(), query["nonce"].ToString());
        var response = $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}";
        return Results.Redirect(redirect + (query["response_mode"] == "fragment" ? "#" : "?") + response);
    }

    private IResult Token(IFormCollection form)
    {
        if (form["grant_type"] != "authorization_code" || form["client_id"] != SpaClientId)
        {
            return TokenError("unsupported_grant_type", "only authorization codes of the dashboard are redeemed");
        }

        if (!_codes.TryRemove(form["code"].ToString(), out var authorization) || form["redirect_uri"] != authorization.RedirectUri)
        {
            return TokenError("invalid_grant", "unknown or reused code, or another redirect URI");
        }

        var verifier = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (verifier != authorization.Challenge)
        {
            return TokenError("invalid_grant", "the code verifier does not match the challenge");
        }

        Interlocked.Increment(ref _redeemed);
        var (name, roles) = User;
        var subject = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var idToken = Sign(_key, SpaClientId, new Dictionary<string, object>
        {
            ["name"] = name,
            ["preferred_username"] = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org",
            ["oid"] = subject,
            ["sub"] = subject,
            ["tid"] = Tenant,
            ["nonce"] = authorization.Nonce,
            ["ver"] = "2.0",
        });
        var accessToken = Sign(SignWithUnpublishedKey ? _unpublished : _key, ApiClientId, new Dictionary<string, object>
        {
            ["name"] = name,
            ["oid"] = subject,
            ["sub"] = subject,
            ["tid"] = Tenant,
            ["azp"] = SpaClientId,
            ["scp"] = "user_impersonation",
            ["roles"] = roles,
            ["ver"] = "2.0",
        });
        return Results.Json(new
        {
            token_type = "Bearer",
            scope = authorization.Scope,
            expires_in = 3600,
            ext_expires_in = 3600,
            access_token = accessToken,
            id_token = idToken,
        });
    }

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private string Sign(RsaSecurityKey key, string audience, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = $"{id}-{Guid.NewGuid():N}" };

    private static object Jwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel wants a certificate whose private key it can use as a server; a PKCS#12 round trip gives it one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private sealed record Authorization(string Challenge, string RedirectUri, string Scope, string Nonce);
}

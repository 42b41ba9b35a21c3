using Azure.Core;
using Azure.Identity;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer.Tests;

/// <summary>Which Azure.Identity credential serves each Entra keyword, and the token request the callback makes.</summary>
public sealed class EntraTokensTests
{
    [Fact]
    public void Each_keyword_gets_its_credential()
    {
        Assert.IsType<DefaultAzureCredential>(EntraTokens.Credential(SqlAuthenticationMethod.ActiveDirectoryDefault, null, null, null));
        Assert.IsType<ManagedIdentityCredential>(EntraTokens.Credential(SqlAuthenticationMethod.ActiveDirectoryManagedIdentity, null, null, null));
        Assert.IsType<ManagedIdentityCredential>(EntraTokens.Credential(SqlAuthenticationMethod.ActiveDirectoryMSI, "5f0d-client", null, null));
        Assert.IsType<ClientSecretCredential>(EntraTokens.Credential(SqlAuthenticationMethod.ActiveDirectoryServicePrincipal, "app-id", "secret", "tenant-id"));
    }

    [Fact]
    public void Service_principal_without_its_secret_is_refused_in_one_line()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EntraTokens.Credential(SqlAuthenticationMethod.ActiveDirectoryServicePrincipal, "app-id", null, "tenant-id"));

        Assert.Equal("Active Directory Service Principal needs Password (the client secret)", error.Message);
    }

    [Theory]
    [InlineData("https://database.windows.net/", "https://database.windows.net/.default")]
    [InlineData("https://database.usgovcloudapi.net", "https://database.usgovcloudapi.net/.default")]
    [InlineData("https://database.windows.net/.default", "https://database.windows.net/.default")]
    public void Scope_is_the_resource_default_scope(string resource, string scope)
    {
        Assert.Equal(scope, EntraTokens.Scope(resource));
    }

    [Fact]
    public async Task Token_is_requested_for_the_server_resource_and_handed_to_sqlclient_with_its_expiry()
    {
        var expires = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var credential = new RecordingCredential(new AccessToken("eyJ0-token", expires));
        var parameters = new SqlAuthenticationParameters(
            SqlAuthenticationMethod.ActiveDirectoryDefault, "legacy02.database.windows.net", "SIS", "https://database.windows.net/",
            "https://login.microsoftonline.com/tenant-id/", "", "", Guid.NewGuid(), 30);

        var token = await EntraTokens.AcquireAsync(credential, parameters, CancellationToken.None);

        Assert.Equal(["https://database.windows.net/.default"], credential.Scopes);
        Assert.Equal(("eyJ0-token", expires), (token.AccessToken, token.ExpiresOn));
    }

    private sealed class RecordingCredential(AccessToken token) : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return token;
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

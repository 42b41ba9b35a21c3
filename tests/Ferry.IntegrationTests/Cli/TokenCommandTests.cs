using Ferry.Api.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ferry.IntegrationTests.Cli;

/// <summary><c>dm token</c>: a development bearer token signed with the key of local.settings.json.</summary>
public sealed class TokenCommandTests
{
    private const string Key = "the development key of the token command's tests, 32+ chars";

    [Fact]
    public async Task Token_is_signed_by_the_local_key_and_carries_the_roles_and_name()
    {
        var directory = Directory.CreateTempSubdirectory("ferry-token-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "local.settings.json"), $$$"""{"IsEncrypted": false, "Values": {"{{{DevelopmentTokens.KeySetting}}}": "{{{Key}}}"}}""");
            var result = await DmProcess.RunAsync(directory, "token", "--role", ApiRoles.Operator, "--role", ApiRoles.Auditor, "--name", "alice", "--expires", "10m");

            Assert.True(result.ExitCode == 0, result.Stderr);
            var validation = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(result.Stdout.Trim(), DevelopmentTokens.Validation(Key));
            Assert.True(validation.IsValid, validation.Exception?.Message);
            Assert.Equal("alice", validation.ClaimsIdentity.Name);
            Assert.Equal([ApiRoles.Auditor, ApiRoles.Operator], validation.ClaimsIdentity.FindAll("roles").Select(c => c.Value).Order());
            Assert.InRange(((JsonWebToken)validation.SecurityToken).ValidTo, DateTime.UtcNow.AddMinutes(9), DateTime.UtcNow.AddMinutes(11));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_role_is_exit_2_naming_the_roles()
    {
        var result = await DmProcess.RunAsync(Path.GetTempPath(), "token", "--role", "Migration.Admin");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown role 'Migration.Admin'", result.Stderr);
        Assert.Contains(ApiRoles.Operator, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Without_a_development_key_it_is_exit_2_naming_the_setting()
    {
        var directory = Directory.CreateTempSubdirectory("ferry-token-").FullName;
        try
        {
            var result = await DmProcess.RunAsync(directory, "token", "--role", ApiRoles.Auditor);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(DevelopmentTokens.KeySetting, result.Stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

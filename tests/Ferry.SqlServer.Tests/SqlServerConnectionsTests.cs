using Ferry.Core.Abstractions;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer.Tests;

/// <summary>The connection SqlClient is given: Entra keywords served by the token callback, reconnection retried.</summary>
public sealed class SqlServerConnectionsTests
{
    [Theory]
    [InlineData("Active Directory Default")]
    [InlineData("Active Directory Managed Identity")]
    [InlineData("Active Directory MSI")]
    [InlineData("Active Directory Workload Identity")]
    [InlineData("Active Directory Service Principal")]
    public void Entra_authentication_is_served_by_the_access_token_callback(string method)
    {
        using var connection = SqlServerConnections.Create($"Server=tcp:legacy02.example.org;Database=SIS;Authentication={method};User Id=app-id;Password=secret");

        Assert.NotNull(connection.AccessTokenCallback);
        var sent = new SqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal(SqlAuthenticationMethod.NotSpecified, sent.Authentication);
        Assert.Equal("", sent.UserID);
        Assert.Equal("", sent.Password);
        Assert.Equal(("tcp:legacy02.example.org", "SIS"), (sent.DataSource, sent.InitialCatalog));
    }

    [Fact]
    public void Sql_login_keeps_its_credentials_and_gets_no_callback()
    {
        using var connection = SqlServerConnections.Create("Server=legacy01;Database=SIS;User Id=ferry;Password=pw");

        Assert.Null(connection.AccessTokenCallback);
        var sent = new SqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal(("ferry", "pw"), (sent.UserID, sent.Password));
    }

    [Fact]
    public void Reconnection_is_retried_unless_the_connection_string_says_otherwise()
    {
        using var defaulted = SqlServerConnections.Create("Server=legacy01;Database=SIS;Integrated Security=true");
        using var explicitOnce = SqlServerConnections.Create("Server=legacy01;Database=SIS;Integrated Security=true;ConnectRetryCount=1");
        using var explicitNone = SqlServerConnections.Create("Server=legacy01;Database=SIS;Integrated Security=true;Connect Retry Count=0");

        Assert.Equal(SqlServerConnections.DefaultConnectRetryCount, new SqlConnectionStringBuilder(defaulted.ConnectionString).ConnectRetryCount);
        Assert.Equal(1, new SqlConnectionStringBuilder(explicitOnce.ConnectionString).ConnectRetryCount);
        Assert.Equal(0, new SqlConnectionStringBuilder(explicitNone.ConnectionString).ConnectRetryCount);
    }

    [Theory]
    [InlineData("Active Directory Interactive")]
    [InlineData("Active Directory Device Code Flow")]
    [InlineData("Active Directory Password")]
    public async Task Entra_methods_that_need_a_person_are_refused_in_one_line_before_connecting(string method)
    {
        var error = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => new SqlServerAdapter().OpenAsync($"Server=tcp:127.0.0.1,1;Database=SIS;Authentication={method};User Id=someone;Password=N0t-Shown", CancellationToken.None));

        Assert.StartsWith("cannot open SQL Server source tcp:127.0.0.1,1/SIS: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Authentication={method} is not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("N0t-Shown", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}

using System.Data;
using Ferry.Core.Abstractions;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer.Tests;

/// <summary>What the adapter does without a server: failed opens, parameters. Statements are parsed elsewhere.</summary>
public sealed class SqlServerAdapterTests
{
    private const string Password = "N0t-In-Any-Message!";

    private readonly SqlServerAdapter _adapter = new();

    [Fact]
    public void Adapter_is_the_sqlserver_provider_with_the_bracket_dialect()
    {
        Assert.Equal("sqlserver", _adapter.Provider);
        Assert.IsType<SqlServerDialect>(_adapter.Dialect);
    }

    [Fact]
    public async Task Open_refused_connection_names_server_without_password()
    {
        // Port 1 on the loopback address: nothing listens there, so the connection is refused at once.
        var connectionString = $"Server=tcp:127.0.0.1,1;Database=legacy_d001;User Id=sa;Password={Password};Connect Timeout=3;Encrypt=False";

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => _adapter.OpenAsync(connectionString, CancellationToken.None));

        Assert.StartsWith("cannot open SQL Server source tcp:127.0.0.1,1/legacy_d001: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsType<SqlException>(error.InnerException);
    }

    [Fact]
    public async Task Open_with_malformed_connection_string_is_unavailable_not_a_crash()
    {
        var connectionString = $"Server=127.0.0.1;Databse=legacy;Password={Password}";

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => _adapter.OpenAsync(connectionString, CancellationToken.None));

        Assert.Contains("databse", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_cancelled_is_not_reported_as_unavailable()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _adapter.OpenAsync("Server=tcp:127.0.0.1,1;Database=d;Connect Timeout=3;Encrypt=False", cancelled.Token));
    }

    [Fact]
    public void Failure_message_masks_a_password_the_reason_echoes()
    {
        var error = OpenFailure.Create("SQL Server source", $"Server=s;Database=d;Pwd={Password}", $"login\r\nrefused for {Password}", new InvalidOperationException());

        Assert.Equal("cannot open SQL Server source s/d: login refused for ***", error.Message);
    }

    [Fact]
    public void Failure_message_masks_a_short_password_only_where_it_stands_alone()
    {
        var error = OpenFailure.Create("SQL Server source", "Server=s;Database=d;Password=x", "an exception: login 'x' refused", new InvalidOperationException());

        Assert.Equal("cannot open SQL Server source s/d: an exception: login '***' refused", error.Message);
    }

    [Fact]
    public void Date_time_parameters_travel_as_datetime2()
    {
        var parameter = (SqlParameter)_adapter.CreateParameter("@p0", new DateTime(2024, 9, 1, 8, 30, 0, 123).AddTicks(4567));

        Assert.Equal(SqlDbType.DateTime2, parameter.SqlDbType);
    }

    [Theory]
    [InlineData("short", 4000)]
    [InlineData(null, 4000)]
    public void String_parameters_have_a_fixed_size(string? prefix, int size)
    {
        var parameter = (SqlParameter)_adapter.CreateParameter("@p0", prefix + "x");

        Assert.Equal(size, parameter.Size);
        Assert.Equal(-1, ((SqlParameter)_adapter.CreateParameter("@p1", new string('x', 4001))).Size);
    }

    [Fact]
    public void Null_becomes_db_null_and_other_types_are_inferred()
    {
        Assert.Equal(DBNull.Value, _adapter.CreateParameter("@p0", null).Value);
        Assert.Equal(SqlDbType.UniqueIdentifier, ((SqlParameter)_adapter.CreateParameter("@p1", Guid.NewGuid())).SqlDbType);
        Assert.Equal(SqlDbType.BigInt, ((SqlParameter)_adapter.CreateParameter("@p2", 42L)).SqlDbType);
        Assert.Equal(SqlDbType.Int, ((SqlParameter)_adapter.CreateParameter("@p3", 0)).SqlDbType);
    }
}

using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Npgsql;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// Tenant isolation covers the toolkit's own tables: a login granted the application role sees only the tenant its
/// session names (app.tenant_id), in every target table and every toolkit table and view that carries a tenant, and
/// nothing at all without the setting; run-level tables stay closed to it. An auditor reads every tenant through a
/// policy of its own.
/// </summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private const string Tenant1 = "6a1f7c1e-0000-4000-8000-000000000001";
    private const string Tenant2 = "6a1f7c1e-0000-4000-8000-000000000002";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private MigrationFixture _f = null!;
    private List<string> _tenantTables = [];

    private string App => "ferry_it_app_" + _suffix;

    private string Auditor => "ferry_it_audit_" + _suffix;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("isolation", districts: 2, students: 120, batchSize: 50);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        await Ferry.IntegrationTests.Verification.Verification.RunAsync(config);
        await _f.Target.ExecuteAsync(
            $"CREATE ROLE {App} LOGIN PASSWORD 'app-{_suffix}' IN ROLE ferry_application; " +
            $"CREATE ROLE {Auditor} LOGIN PASSWORD 'audit-{_suffix}' IN ROLE ferry_auditor;");
        _tenantTables = await ListAsync(
            "SELECT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c " +
            "WHERE c.column_name = 'tenant_id' AND c.table_schema IN ('dbo', 'ferry') ORDER BY 1");
    }

    public async Task DisposeAsync()
    {
        await _f.DisposeAsync();
        await using var server = new NpgsqlConnection(_f.Target.ServerConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {App}; DROP ROLE IF EXISTS {Auditor}", server);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public void Every_table_and_view_with_a_tenant_is_covered()
    {
        foreach (var t in new[] { "ferry.quarantine", "ferry.load", "ferry.batch", "ferry.verify_entity", "ferry.district", "ferry.value_change", "ferry.id_map", "dbo.student" })
        {
            Assert.Contains(t, _tenantTables);
        }
    }

    [Fact]
    public async Task The_application_role_sees_only_its_own_tenant_everywhere()
    {
        await using var connection = await OpenAsAsync(App, $"app-{_suffix}");
        await ExecAsync(connection, $"SET app.tenant_id = '{Tenant1}'");
        foreach (var table in _tenantTables)
        {
            Assert.True(0 == await CountAsync(connection, $"SELECT count(*) FROM {table} WHERE tenant_id <> '{Tenant1}'"), $"{table} shows another tenant");
        }

        Assert.Equal(120, await CountAsync(connection, "SELECT count(*) FROM dbo.student"));
        Assert.True(await CountAsync(connection, "SELECT count(*) FROM ferry.quarantine") > 0);
        Assert.True(await CountAsync(connection, "SELECT count(*) FROM ferry.id_map") > 0);
    }

    [Fact]
    public async Task Without_the_setting_the_application_role_sees_nothing()
    {
        await using var connection = await OpenAsAsync(App, $"app-{_suffix}");
        foreach (var table in _tenantTables)
        {
            Assert.True(0 == await CountAsync(connection, $"SELECT count(*) FROM {table}"), $"{table} shows rows without app.tenant_id");
        }
    }

    [Fact]
    public async Task Run_level_tables_stay_closed_to_the_application_role()
    {
        await using var connection = await OpenAsAsync(App, $"app-{_suffix}");
        foreach (var table in new[] { "ferry.run", "ferry.verify", "ferry.dropped_constraint", "ferry.dropped_index" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(connection, $"SELECT count(*) FROM {table}"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
    }

    [Fact]
    public async Task The_application_role_cannot_write_another_tenants_rows()
    {
        await using var connection = await OpenAsAsync(App, $"app-{_suffix}");
        await ExecAsync(connection, $"SET app.tenant_id = '{Tenant1}'");
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecAsync(connection, $"INSERT INTO dbo.school (tenant_id, id, legacy_school_id, name) VALUES ('{Tenant2}', gen_random_uuid(), 999, 'x')"));
        Assert.Equal("42501", e.SqlState);
        Assert.Equal(0, await CountAsync(connection, $"UPDATE dbo.student SET first_name = 'x' WHERE tenant_id = '{Tenant2}' RETURNING 1"));
    }

    [Fact]
    public async Task The_auditor_reads_every_tenant_through_its_own_policy_not_bypassrls()
    {
        await using var connection = await OpenAsAsync(Auditor, $"audit-{_suffix}");
        Assert.Equal(2, await CountAsync(connection, "SELECT count(DISTINCT tenant_id) FROM dbo.student"));
        Assert.Equal(2, await CountAsync(connection, "SELECT count(DISTINCT tenant_id) FROM ferry.quarantine"));
        Assert.Equal(2, await CountAsync(connection, "SELECT count(DISTINCT tenant_id) FROM ferry.id_map"));
        Assert.False(await _f.Target.ScalarAsync<bool>($"SELECT rolbypassrls FROM pg_roles WHERE rolname = 'ferry_auditor'"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(connection, "DELETE FROM dbo.student"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    private async Task<NpgsqlConnection> OpenAsAsync(string role, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(_f.Target.ConnectionString) { Username = role, Password = password, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_f.Target.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }
}

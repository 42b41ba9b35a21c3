using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Postgres.Source;
using Ferry.SqlServer;

namespace Ferry.Engine.Deltas;

/// <summary>The change capture of each configured provider.</summary>
public static class ChangeCaptures
{
    private static readonly IChangeCapture Postgres = new StandInChangeCapture();
    private static readonly IChangeCapture SqlServer = new SqlServerChangeTracking();

    public static IChangeCapture For(string provider) => provider switch
    {
        "postgres" => Postgres,
        "sqlserver" => SqlServer,
        _ => throw new ConfigException($"unknown provider '{provider}' (expected postgres or sqlserver)"),
    };
}

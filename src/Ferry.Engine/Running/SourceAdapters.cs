using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Postgres.Source;
using Ferry.SqlServer;

namespace Ferry.Engine.Running;

/// <summary>The source adapter of each configured provider.</summary>
public static class SourceAdapters
{
    private static readonly ISourceAdapter Postgres = new PostgresSourceAdapter();
    private static readonly ISourceAdapter SqlServer = new SqlServerAdapter();

    public static ISourceAdapter For(string provider) => provider switch
    {
        "postgres" => Postgres,
        "sqlserver" => SqlServer,
        _ => throw new ConfigException($"unknown provider '{provider}' (expected postgres or sqlserver)"),
    };
}

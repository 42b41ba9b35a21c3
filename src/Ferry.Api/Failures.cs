using System.Net.Sockets;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Reports.Sinks;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Ferry.Api;

/// <summary>
/// Runs a handler and answers a dependency it could not use (the configuration, a database, storage) with a 503
/// problem of one line, never a stack trace; anything else is a defect and propagates to the host's error handling.
/// </summary>
public static class Failures
{
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ConfigException e)
        {
            return ApiProblems.Unavailable($"configuration: {e.Message}");
        }
        catch (SourceUnavailableException e)
        {
            return ApiProblems.Unavailable(e.Message);
        }
        catch (ReportStorageException e)
        {
            return ApiProblems.Unavailable($"report storage: {e.Message}");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return ApiProblems.Unavailable($"target database: {Ferry.Engine.Work.MigrationEngine.Describe(e)}");
        }
    }
}

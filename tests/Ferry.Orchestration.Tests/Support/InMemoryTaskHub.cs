using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Ferry.Orchestration.Tests.Support;

/// <summary>
/// Starts the in-process durable test host on a port the kernel has just handed out. Left to itself the host
/// picks a random port in 30000-40000 without looking, which collides with the ephemeral ports of the
/// connections the parallel test projects open; a port taken in between is retried on another one.
/// </summary>
public static class InMemoryTaskHub
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException e) when (attempt < 5 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

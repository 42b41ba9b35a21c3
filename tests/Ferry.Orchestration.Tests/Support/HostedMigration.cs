using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ferry.Orchestration.Tests.Support;

/// <summary>
/// A migration driven over the durable host's HTTP API: generated legacy districts (dm sample) with a target
/// scaffolded for them (dm scaffold), a task hub of its own on Azurite, and the host and workers as dm processes.
/// </summary>
public sealed partial class HostedMigration : IAsyncDisposable
{
    private readonly List<DmProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private HostedMigration(string prefix, string directory, Dictionary<string, string> environment, int port)
    {
        Prefix = prefix;
        Directory = directory;
        Environment = environment;
        Port = port;
        _http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Prefix { get; }

    public string Directory { get; }

    public string Config => Path.Combine(Directory, "migration.yaml");

    public Dictionary<string, string> Environment { get; }

    public int Port { get; }

    public string TargetConnection => $"Host=127.0.0.1;Port={Pg("FERRY_PG_PORT", "55432")};Database={Prefix}target;Username=postgres;Password={Pg("FERRY_PG_PASSWORD", "")}";

    /// <summary>Generates <paramref name="districts"/> small districts and scaffolds their target; batches of <paramref name="batchSize"/> rows make many work items.</summary>
    public static async Task<HostedMigration> CreateAsync(string prefix, int districts, int students, int batchSize)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ferry-hosted-" + prefix);
        System.IO.Directory.CreateDirectory(directory);
        var environment = new Dictionary<string, string>
        {
            ["FERRY_PG_PASSWORD"] = Pg("FERRY_PG_PASSWORD", ""),
            ["FERRY_PG_PORT"] = Pg("FERRY_PG_PORT", "55432"),
            ["FERRY_BLOB_CONNECTION"] = Pg("FERRY_BLOB_CONNECTION", ""),
            ["AzureWebJobsStorage"] = DmProcess.DurableStorage(),
            ["FerryHost__TaskHub"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["FERRY_DEV_SIGNING_KEY"] = "hosted-tests-development-signing-key-" + Guid.NewGuid().ToString("N"),
        };
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var migration = new HostedMigration(prefix, directory, environment, port);
        var config = migration.Config;
        await migration.DmAsync("sample", "--profile", "small", "--districts", districts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--students", students.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prefix", prefix, "--out", config, "--target-database", prefix + "target");
        var yaml = await File.ReadAllTextAsync(config);
        await File.WriteAllTextAsync(config, BatchSize().Replace(yaml, $"batchSize: {batchSize}"));
        await migration.DmAsync("scaffold", "--config", config, "--apply");
        var token = await DmProcess.RunAsync(environment, TimeSpan.FromMinutes(1), "token", "--role", "Migration.Operator", "--role", "Migration.Auditor");
        migration._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Trim());
        return migration;
    }

    public async Task<string> DmAsync(params string[] args)
    {
        var (exit, output) = await DmProcess.RunAsync(Environment, TimeSpan.FromMinutes(3), args);
        Assert.True(exit == 0, $"dm {string.Join(' ', args)} exited {exit}: {output}");
        return output;
    }

    public DmProcess StartHost(params string[] options)
    {
        var host = DmProcess.Start(Environment, ["serve", "--config", Config, "--urls", $"http://127.0.0.1:{Port}", .. options]);
        _processes.Add(host);
        return host;
    }

    public DmProcess StartWorker()
    {
        var worker = DmProcess.Start(Environment, "worker", "--config", Config);
        _processes.Add(worker);
        return worker;
    }

    public async Task WaitHealthyAsync()
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await _http.GetAsync("api/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the host did not answer on port {Port}: {string.Join("\n", _processes.Select(p => p.Output))}");
    }

    public async Task<string> StartRunAsync(object body)
    {
        var response = await _http.PostAsJsonAsync("api/runs", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Starts a run, waiting out 409 (a district still leased) until <paramref name="timeout"/>.</summary>
    public async Task<string> StartRunWhenFreeAsync(object body, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await _http.PostAsJsonAsync("api/runs", body);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == 409 && DateTime.UtcNow < until)
            {
                await Task.Delay(2000);
                continue;
            }

            Assert.True((int)response.StatusCode == 202, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        }
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        await _http.PostAsJsonAsync(path, body ?? new { });

    /// <summary>Polls the run's status until it reaches <paramref name="states"/> (runtime status names).</summary>
    public async Task<JsonElement> WaitForAsync(string id, TimeSpan timeout, params string[] states)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement run = default;
        while (DateTime.UtcNow < until)
        {
            try
            {
                run = await GetAsync($"api/runs/{id}");
                if (states.Contains(run.GetProperty("runtimeStatus").GetString()))
                {
                    return run;
                }
            }
            catch (HttpRequestException)
            {
                // The host is restarting.
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"run {id} did not reach {string.Join("/", states)}: {run}\n{string.Join("\n----\n", _processes.Select(p => p.Output[^Math.Min(p.Output.Length, 3000)..]))}");
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TargetConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<HttpResponseMessage> DownloadAsync(string link)
    {
        using var anonymous = new HttpClient();
        return await anonymous.GetAsync(link);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }

        _http.Dispose();
        await Task.CompletedTask;
    }

    private static string Pg(string name, string fallback) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    [GeneratedRegex(@"batchSize: \d+")]
    private static partial Regex BatchSize();
}

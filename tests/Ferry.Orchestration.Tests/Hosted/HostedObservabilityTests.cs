using System.Text.Json;
using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>
/// What an operator watching the self-hosted host sees of a run: its console as JSON lines carrying the run,
/// district, entity and work item as scopes, and a status whose rate is measured over a moving window, with an ETA
/// only once the totals are known.
/// </summary>
public sealed class HostedObservabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Host_logs_json_lines_with_engine_scopes_and_its_status_rate_comes_from_the_window()
    {
        await using var m = await HostedMigration.CreateAsync("dlogs_", districts: 1, students: 3000, batchSize: 300);
        var host = m.StartHost("--log-format", "json");
        await m.WaitHealthyAsync();
        var id = await m.StartRunAsync(new { mode = "full" });

        // While it loads: a rate as soon as commits are seen, totals and an ETA only with the plan.
        var seen = new List<JsonElement>();
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var run = await m.GetAsync($"api/runs/{id}");
            if (run.GetProperty("overall") is { ValueKind: JsonValueKind.Object } overall)
            {
                seen.Add(overall);
            }

            if (run.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
                break;
            }

            await Task.Delay(300);
        }

        Assert.Contains(seen, o => o.GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.All(seen, o => Assert.Equal(10, o.GetProperty("windowSeconds").GetInt32()));
        Assert.All(seen.Where(o => o.GetProperty("plannedRows").ValueKind == JsonValueKind.Null), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("etaSeconds").ValueKind));
        Assert.All(seen.Where(o => o.GetProperty("etaSeconds").ValueKind == JsonValueKind.Number), o => Assert.True(o.GetProperty("rowsPerSecond").GetDouble() > 0));

        // Every console line is one JSON object; the engine's work items carry the run, district and work item.
        await Task.Delay(1000);
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var events = lines.Select(l =>
        {
            try
            {
                return JsonDocument.Parse(l).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new Xunit.Sdk.XunitException($"not a JSON line: {l}");
            }
        }).ToList();
        Assert.All(events, e => Assert.Equal(JsonValueKind.Object, e.ValueKind));
        var items = events.Where(e => e.GetProperty("Category").GetString() == "Ferry.Engine" && e.GetProperty("EventId").GetInt32() == 201).ToList();
        Assert.NotEmpty(items);
        var runId = (await m.GetAsync($"api/runs/{id}")).GetProperty("customStatus").GetProperty("runId").GetString();
        Assert.All(items, e =>
        {
            var scopes = e.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).SelectMany(s => s.EnumerateObject()).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last().Value.ToString());
            Assert.Equal(runId, scopes["RunId"]);
            Assert.Equal("d001", scopes["District"]);
            Assert.Equal(e.GetProperty("State").GetProperty("WorkItem").GetString(), scopes["WorkItem"]);
        });
    }
}

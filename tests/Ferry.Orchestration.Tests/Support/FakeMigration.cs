using System.Collections.Concurrent;
using Ferry.Core.Deltas;
using Ferry.Core.Planning;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration.Tests.Support;

/// <summary>
/// Stands in for the engine behind the activities (a narrow seam: the orchestrators' logic is under test, not the
/// engine's): districts with plans, every call recorded in order, work items that take a while so concurrency shows,
/// and failures injected per work item (and per district's delta, keyed <c>delta {district}</c>).
/// </summary>
public sealed class FakeMigration
{
    private readonly ConcurrentDictionary<string, int> _executions = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, bool> _done = new();
    private readonly ConcurrentDictionary<string, bool> _loaded = new();
    private int _inFlight;
    private int _finishLoadCalls;
    private int _maxInFlight;
    private readonly ConcurrentDictionary<string, int> _districtInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _districtMax = new(StringComparer.Ordinal);

    public Dictionary<string, DistrictPlan> Plans { get; } = new(StringComparer.Ordinal);

    public int PerSource { get; init; } = 2;

    public int PerTarget { get; init; } = 4;

    public int Attempts { get; init; } = 3;

    public TimeSpan WorkTime { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Work items (by their text) that fail transiently this many times before succeeding.</summary>
    public ConcurrentDictionary<string, int> TransientFailures { get; } = new();

    /// <summary>Work items (by their text) that always fail with this reason.</summary>
    public ConcurrentDictionary<string, string> PermanentFailures { get; } = new();

    /// <summary>The entities each district's delta changes (a district not named changes nothing).</summary>
    public Dictionary<string, string[]> Changes { get; } = new(StringComparer.Ordinal);

    /// <summary>Why scaffolding applies nothing (legacy names colliding), or null.</summary>
    public string? ScaffoldRefusal { get; init; }

    /// <summary>The problems validation finds (none: ready).</summary>
    public List<string> ValidationProblems { get; } = [];

    /// <summary>Set to hold every work item until released (for terminate).</summary>
    public SemaphoreSlim? Gate { get; set; }

    public IReadOnlyList<string> Events => [.. _events];

    public int MaxInFlight => _maxInFlight;

    /// <summary>The most work items of <paramref name="district"/> that ran at once.</summary>
    public int MaxInFlightOf(string district) => _districtMax.GetValueOrDefault(district);

    /// <summary>How often the finish activity ran (a load's work items finish it themselves, the last to commit).</summary>
    public int FinishLoadCalls => _finishLoadCalls;

    public int Executions(string item) => _executions.GetValueOrDefault(item);

    public static Guid RunId { get; } = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    /// <summary>A district of single loads (entity, batches, prerequisites), each on its own legacy database.</summary>
    public FakeMigration District(string id, params (string Entity, int Batches, string[] Prerequisites)[] loads)
    {
        Plans[id] = new DistrictPlan(RunId, id, Guid.NewGuid(), loads.Select(l => new PlannedLoad(l.Entity, "main", l.Batches, l.Batches, l.Batches * 100L, l.Prerequisites)).ToList());
        return this;
    }

    public void Register(DurableTaskRegistry registry)
    {
        foreach (var (name, create) in FerryTasks.Orchestrators)
        {
            registry.AddOrchestrator(name, create);
        }

        registry.AddActivityFunc<ResolveInput, ResolvedScope>(OrchestrationNames.ResolveScope, (_, input) =>
        {
            var ids = input.Scope.Districts is { Count: > 0 } chosen ? chosen : Plans.Keys.Order(StringComparer.Ordinal).ToList();
            return new ResolvedScope(ids.Select(d => new DistrictResources(d, "source-" + d, ["main"])).ToList(), PerSource, PerTarget, Attempts);
        });
        registry.AddActivityFunc<StartRunInput, StartedRun>(OrchestrationNames.StartRun, (_, input) =>
        {
            Record($"start {input.Instance}");
            return new StartedRun(RunId, false, [], []);
        });
        registry.AddActivityFunc<PlanInput, PlanOutput>(OrchestrationNames.PlanDistrict, (_, input) =>
        {
            Record($"plan {input.District}");
            var plan = Plans[input.District];
            // What finished in an earlier generation comes back marked, as the engine's recorded plan does.
            return new PlanOutput(plan with { Loads = plan.Loads.Select(l => l with { Loaded = Finished(input.District, l.Entity) }).ToList() });
        });
        registry.AddActivityFunc<WorkInput, WorkOutput>(OrchestrationNames.ExecuteWork, async (_, input) => await ExecuteAsync(input));
        registry.AddActivityFunc<FinishLoadInput, FinishLoadOutput>(OrchestrationNames.FinishLoad, (_, input) =>
        {
            Interlocked.Increment(ref _finishLoadCalls);
            foreach (var e in input.Entities)
            {
                MarkLoaded(input.District, e);
            }

            return new FinishLoadOutput(input.Entities, []);
        });
        registry.AddActivityFunc<PendingWorkInput, PendingWorkOutput>(OrchestrationNames.PendingWork, (_, input) =>
            new PendingWorkOutput(Enumerable.Range(1, Plans[input.District].Load(input.Entity).Batches)
                .Where(b => Executions($"{input.District}/{input.Entity}#{b}") == 0 || !Succeeded($"{input.District}/{input.Entity}#{b}")).ToList()));
        registry.AddActivityFunc<RestoreInput, RestoreOutput>(OrchestrationNames.Restore, (_, _) =>
        {
            Record("restore");
            return new RestoreOutput(["target main: foreign keys restored and validated"], false, 0);
        });
        registry.AddActivityFunc<VerifyInput, VerifyOutput>(OrchestrationNames.VerifyDistrict, (_, input) =>
        {
            Record(input.Scope.Entities is { Count: > 0 } only ? $"verify {input.District} entities {string.Join(",", only)}" : $"verify {input.District}");
            return new VerifyOutput(input.District, Guid.NewGuid(), true, Plans[input.District].Loads.Count, 0, 0);
        });
        registry.AddActivityFunc<FinishRunInput, bool>(OrchestrationNames.FinishRun, (_, input) =>
        {
            Record($"finish run {input.State}");
            return true;
        });
        registry.AddActivityFunc<StartDeltaInput, StartedDelta>(OrchestrationNames.StartDelta, (_, input) =>
        {
            Record("start delta");
            return new StartedDelta(RunId, Plans.Keys.Order(StringComparer.Ordinal).ToList());
        });
        registry.AddActivityFunc<ApplyDeltaInput, DistrictDelta>(OrchestrationNames.ApplyDelta, async (_, input) =>
        {
            var key = $"delta {input.District}";
            _executions.AddOrUpdate(key, 1, (_, n) => n + 1);
            Record($"apply {input.District} attempt {input.Attempt}");
            await Task.Delay(WorkTime);
            Fail(key);
            var changed = Changes.GetValueOrDefault(input.District) ?? [];
            return new DistrictDelta(input.District, "10", "20", changed.Length * 3L, 0, 0, 0, 0, changed, false);
        });
        registry.AddActivityFunc<FinishDeltaInput, bool>(OrchestrationNames.FinishDelta, (_, input) =>
        {
            Record($"finish delta {input.State}");
            return true;
        });
        registry.AddActivityFunc<ScaffoldInput, ScaffoldOutput>(OrchestrationNames.Scaffold, (_, input) =>
        {
            var district = input.District ?? Plans.Keys.Order(StringComparer.Ordinal).First();
            Record($"scaffold {district} attempt {input.Attempt}");
            Fail("scaffold");
            return new ScaffoldOutput(district, Plans[district].Loads.Count, 0, ScaffoldRefusal is null ? ["main"] : [], ["runs/x/scaffold/target.main.sql"], [], ScaffoldRefusal);
        });
        registry.AddActivityFunc<ValidateInput, ValidateOutput>(OrchestrationNames.Validate, (_, input) =>
        {
            Record($"validate attempt {input.Attempt}");
            return new ValidateOutput(ValidationProblems.Count == 0, ValidationProblems.Count, [.. ValidationProblems], ["reports: not configured"], Plans.Count, 2, 1, 1200);
        });
        registry.AddActivityFunc<PublishInput, PublishOutput>(OrchestrationNames.PublishReports, (_, _) =>
        {
            Record("publish");
            return new PublishOutput("runs/x/summary.html", [], null);
        });
    }

    private bool Succeeded(string item) => _done.ContainsKey(item);

    private bool Finished(string district, string entity) => _loaded.ContainsKey($"{district}/{entity}");

    /// <summary>
    /// As the engine's load state does: two items of a load committing side by side may both find it complete and
    /// both report it finished, but it is marked loaded (and recorded) once.
    /// </summary>
    private void MarkLoaded(string district, string entity)
    {
        if (_loaded.TryAdd($"{district}/{entity}", true))
        {
            Record($"finish {district}/{entity}");
        }
    }

    private async Task<WorkOutput> ExecuteAsync(WorkInput input)
    {
        var key = input.Item.ToString();
        _executions.AddOrUpdate(key, 1, (_, n) => n + 1);
        Record($"execute {key} attempt {input.Attempt}");
        var now = Interlocked.Increment(ref _inFlight);
        var ofDistrict = _districtInFlight.AddOrUpdate(input.Item.District, 1, (_, n) => n + 1);
        _districtMax.AddOrUpdate(input.Item.District, ofDistrict, (_, n) => Math.Max(n, ofDistrict));
        int seen;
        while ((seen = _maxInFlight) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (Gate is { } gate)
            {
                await gate.WaitAsync();
            }

            await Task.Delay(WorkTime);
            Fail(key);
            _done[key] = true;

            // As the engine does: a load is finished only once none of its batches is pending.
            var finished = input.Finish?.Where(e => Enumerable.Range(1, Plans[input.Item.District].Load(e).Batches)
                .All(b => _done.ContainsKey($"{input.Item.District}/{e}#{b}"))).ToList();
            foreach (var e in finished ?? [])
            {
                MarkLoaded(input.Item.District, e);
            }

            return new WorkOutput(100, 100, 0, 1, (long)WorkTime.TotalMilliseconds) { Finished = finished };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _districtInFlight.AddOrUpdate(input.Item.District, 0, (_, n) => n - 1);
        }
    }

    /// <summary>Throws the failure injected for <paramref name="key"/>, if any is left.</summary>
    private void Fail(string key)
    {
        if (PermanentFailures.TryGetValue(key, out var reason))
        {
            throw new InvalidOperationException(reason);
        }

        if (TransientFailures.TryGetValue(key, out var left) && left > 0)
        {
            TransientFailures[key] = left - 1;
            throw new TransientWorkException($"{key}: connection reset (simulated)", new IOException("reset"));
        }
    }

    private void Record(string e) => _events.Enqueue(e);
}

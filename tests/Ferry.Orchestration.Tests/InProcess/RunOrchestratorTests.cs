using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;
using Ferry.Orchestration.Tests.Support;
using Microsoft.DurableTask.Client;

namespace Ferry.Orchestration.Tests.InProcess;

/// <summary>The orchestrators on the SDK's in-process host, with the engine's steps faked; fan-outs stay small (the host is slow).</summary>
public sealed class RunOrchestratorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Full_run_loads_a_child_after_its_parent_then_restores_once_then_verifies()
    {
        var world = new FakeMigration().District("d1", ("dbo.School", 2, []), ("dbo.Student", 2, ["dbo.School"]));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("completed", outcome.State);
        var events = world.Events.ToList();
        var parentDone = events.IndexOf("finish d1/dbo.School");
        var firstChild = events.FindIndex(e => e.StartsWith("execute d1/dbo.Student", StringComparison.Ordinal));
        Assert.True(parentDone >= 0 && firstChild > parentDone, string.Join(" | ", events));
        Assert.Single(events, "restore");
        Assert.True(events.IndexOf("verify d1") > events.IndexOf("restore"));
        Assert.True(events.IndexOf("finish run completed") > events.IndexOf("verify d1"));
        Assert.Equal("publish", events[^1]);
        Assert.Equal(2, outcome.Districts["d1"].EntitiesDone);
        Assert.Equal(400, outcome.Districts["d1"].RowsLoaded);
    }

    [Fact]
    public async Task Loads_finish_in_their_last_work_item_and_a_child_still_waits_for_its_parent()
    {
        var world = new FakeMigration().District("d1",
            ("dbo.School", 1, []), ("dbo.Student", 1, ["dbo.School"]), ("dbo.Grade", 2, ["dbo.Student"]), ("dbo.GradeNote", 1, ["dbo.Grade"]));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("completed", outcome.State);
        var events = world.Events.ToList();
        var trace = string.Join(" | ", events);
        Assert.True(events.IndexOf("finish d1/dbo.School") < events.FindIndex(e => e.StartsWith("execute d1/dbo.Student", StringComparison.Ordinal)), trace);
        Assert.True(events.IndexOf("finish d1/dbo.Student") < events.FindIndex(e => e.StartsWith("execute d1/dbo.Grade", StringComparison.Ordinal)), trace);
        // The load of two batches is finished by whichever of its items committed last (two committing side by side may
        // both report it; the district counts it once, below), and only then does its child start.
        Assert.Single(events, "finish d1/dbo.Grade");
        var gradeFinished = events.IndexOf("finish d1/dbo.Grade");
        Assert.True(events.FindLastIndex(e => e.StartsWith("execute d1/dbo.Grade#", StringComparison.Ordinal)) < gradeFinished, trace);
        Assert.True(gradeFinished < events.FindIndex(e => e.StartsWith("execute d1/dbo.GradeNote", StringComparison.Ordinal)), trace);
        Assert.Equal(0, world.FinishLoadCalls);
        Assert.Equal(4, outcome.Districts["d1"].EntitiesDone);
    }

    [Fact]
    public async Task Work_in_flight_never_exceeds_the_per_source_limit()
    {
        var world = new FakeMigration { PerSource = 2, PerTarget = 2, WorkTime = TimeSpan.FromMilliseconds(300) }
            .District("d1", ("dbo.Result", 6, []))
            .District("d2", ("dbo.Result", 6, []));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("completed", outcome.State);
        Assert.InRange(world.MaxInFlight, 1, 2);
        Assert.Equal(12, world.Events.Count(e => e.StartsWith("execute", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_district_takes_over_the_slots_of_one_that_finished_and_the_target_limit_still_holds()
    {
        // Three slots on the target: d1 starts with two and has one item; d2 starts with one, and gets a second
        // from the room d1 leaves (idle, then finished), so its eight items finish two at a time.
        var world = new FakeMigration { PerSource = 2, PerTarget = 3, WorkTime = TimeSpan.FromMilliseconds(400) }
            .District("d1", ("dbo.School", 1, []))
            .District("d2", ("dbo.Result", 8, []));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("completed", outcome.State);
        Assert.Equal(2, world.MaxInFlightOf("d2"));
        Assert.InRange(world.MaxInFlight, 1, 3);
        Assert.Equal(9, world.Events.Count(e => e.StartsWith("execute", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_work_item_failing_transiently_runs_again_and_the_run_completes()
    {
        var world = new FakeMigration().District("d1", ("dbo.Student", 2, []));
        world.TransientFailures["d1/dbo.Student#2"] = 1;
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("completed", outcome.State);
        Assert.Equal(2, world.Executions("d1/dbo.Student#2"));
        Assert.Contains("execute d1/dbo.Student#2 attempt 2", world.Events);
        Assert.Equal(1, world.Executions("d1/dbo.Student#1"));
    }

    [Fact]
    public async Task A_transient_failure_outlasting_the_attempts_fails_its_district()
    {
        var world = new FakeMigration { Attempts = 2 }.District("d1", ("dbo.Student", 1, []));
        world.TransientFailures["d1/dbo.Student#1"] = 5;
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("failed", outcome.State);
        Assert.Equal(2, world.Executions("d1/dbo.Student#1"));
    }

    [Fact]
    public async Task A_district_failing_for_good_fails_alone_with_its_reason_while_the_others_complete()
    {
        var world = new FakeMigration()
            .District("d1", ("dbo.Student", 2, []))
            .District("d2", ("dbo.Student", 2, []));
        world.PermanentFailures["d2/dbo.Student#1"] = "column \"grade\" does not exist";
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Full });

        Assert.Equal("failed", outcome.State);
        Assert.Equal("completed", outcome.Districts["d1"].State);
        Assert.Equal("failed", outcome.Districts["d2"].State);
        Assert.Contains("column \"grade\" does not exist", outcome.Districts["d2"].Failure);
        Assert.Contains("d2/dbo.Student#1", outcome.Failure);
        Assert.Equal(1, world.Executions("d2/dbo.Student#1"));
        Assert.DoesNotContain("restore", world.Events);
        Assert.Contains("verify d1", world.Events);
        Assert.DoesNotContain("verify d2", world.Events);
        Assert.Contains("finish run failed", world.Events);
    }

    [Fact]
    public async Task A_district_past_its_history_budget_continues_as_new_and_runs_each_item_once()
    {
        var world = new FakeMigration { WorkTime = TimeSpan.FromMilliseconds(5) }
            .District("d1", ("dbo.A", 4, []), ("dbo.B", 4, []), ("dbo.C", 4, []));
        await using var host = await InMemoryTaskHub.StartAsync(world.Register);
        var input = new DistrictInput("run-1", FakeMigration.RunId, "d1", new RunScope(null, null), 2, 3, HistoryBudget: 5);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.District, input);
        using var timeout = new CancellationTokenSource(Patience);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<DistrictOutcome>()!;
        Assert.True(outcome.Generations > 1, $"generations: {outcome.Generations}");
        Assert.Equal(3, outcome.Summary.EntitiesDone);
        Assert.Equal(1200, outcome.Summary.RowsLoaded);
        Assert.All(world.Plans["d1"].Loads.SelectMany(l => Enumerable.Range(1, 4).Select(b => $"d1/{l.Entity}#{b}")), item => Assert.Equal(1, world.Executions(item)));
    }

    [Fact]
    public async Task Delta_run_starts_applies_each_district_verifies_only_the_entities_it_changed_then_finishes()
    {
        var world = new FakeMigration()
            .District("d1", ("dbo.School", 1, []), ("dbo.Student", 1, ["dbo.School"]))
            .District("d2", ("dbo.School", 1, []));
        world.Changes["d1"] = ["dbo.Student"];
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Delta });

        Assert.Equal("completed", outcome.State);
        var events = world.Events.ToList();
        var trace = string.Join(" | ", events);
        Assert.Equal("start delta", events[0]);
        var verify = events.IndexOf("verify d1 entities dbo.Student");
        Assert.True(verify > events.IndexOf("apply d1 attempt 1") && verify > events.IndexOf("apply d2 attempt 1"), trace);
        Assert.DoesNotContain(events, e => e.StartsWith("verify d2", StringComparison.Ordinal));
        Assert.Single(events, e => e.StartsWith("verify", StringComparison.Ordinal));
        Assert.True(events.IndexOf("finish delta completed") > verify, trace);
        Assert.Equal("publish", events[^1]);
        Assert.DoesNotContain(events, e => e.StartsWith("execute", StringComparison.Ordinal) || e == "restore" || e.StartsWith("plan", StringComparison.Ordinal));
        Assert.Equal(["dbo.Student"], outcome.Deltas.Single(d => d.District == "d1").ChangedEntities);
        Assert.Equal(FakeMigration.RunId, outcome.RunId);
        Assert.Single(outcome.Verifications, v => v.District == "d1");
    }

    [Fact]
    public async Task Delta_of_one_district_retries_a_transient_failure_while_another_failing_for_good_fails_alone()
    {
        var world = new FakeMigration()
            .District("d1", ("dbo.Student", 1, []))
            .District("d2", ("dbo.Student", 1, []));
        world.Changes["d1"] = ["dbo.Student"];
        world.Changes["d2"] = ["dbo.Student"];
        world.TransientFailures["delta d1"] = 1;
        world.PermanentFailures["delta d2"] = "district d2: change capture is not enabled on dbo.Student";
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Delta });

        Assert.Equal("failed", outcome.State);
        Assert.Equal(2, world.Executions("delta d1"));
        Assert.Contains("apply d1 attempt 2", world.Events);
        Assert.Equal(1, world.Executions("delta d2"));
        Assert.Equal("completed", outcome.Districts["d1"].State);
        Assert.Equal("failed", outcome.Districts["d2"].State);
        Assert.Contains("change capture is not enabled", outcome.Districts["d2"].Failure);
        Assert.Contains("verify d1 entities dbo.Student", world.Events);
        Assert.DoesNotContain(world.Events, e => e.StartsWith("verify d2", StringComparison.Ordinal));
        Assert.Contains("finish delta failed", world.Events);
    }

    [Fact]
    public async Task Scaffold_run_scaffolds_the_district_named_after_a_transient_failure_and_loads_nothing()
    {
        var world = new FakeMigration().District("d1", ("dbo.School", 1, [])).District("d2", ("dbo.School", 1, []), ("dbo.Student", 1, []));
        world.TransientFailures["scaffold"] = 1;
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Scaffold, Districts = ["d2"] });

        Assert.Equal("completed", outcome.State);
        Assert.Equal(["scaffold d2 attempt 1", "scaffold d2 attempt 2"], world.Events);
        Assert.Equal(["main"], outcome.Scaffold!.Applied);
        Assert.Contains("applied to target main", outcome.Messages);
        Assert.Contains("wrote runs/x/scaffold/target.main.sql", outcome.Messages);
    }

    [Fact]
    public async Task Scaffold_that_applies_nothing_ends_failed_with_the_reason()
    {
        var world = new FakeMigration { ScaffoldRefusal = "legacy names collide in snake_case: dbo.StudentID and dbo.Student_ID" }.District("d1", ("dbo.School", 1, []));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Scaffold });

        Assert.Equal("failed", outcome.State);
        Assert.Equal(world.ScaffoldRefusal, outcome.Failure);
        Assert.Empty(outcome.Scaffold!.Applied);
    }

    [Fact]
    public async Task Validate_run_lists_each_problem_then_not_ready_in_its_output_and_status()
    {
        var world = new FakeMigration().District("d1", ("dbo.School", 1, []));
        world.ValidationProblems.AddRange(["target main: table dbo.school is missing", "district d1: login cannot read dbo.Student"]);
        await using var host = await InMemoryTaskHub.StartAsync(world.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Run, new RunInput { Mode = RunModes.Validate });
        using var timeout = new CancellationTokenSource(Patience);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var outcome = done.ReadOutputAs<RunOutcome>()!;

        Assert.Equal("failed", outcome.State);
        Assert.Equal(world.ValidationProblems, outcome.Messages.Take(2));
        Assert.Equal("note: reports: not configured", outcome.Messages[2]);
        Assert.StartsWith("not ready: 2 problem(s); 1 district(s)", outcome.Messages[^1], StringComparison.Ordinal);
        Assert.Equal(outcome.Messages[^1], outcome.Failure);
        Assert.Equal("not ready", done.ReadCustomStatusAs<RunStatus>()!.Phase);
        Assert.Equal(["validate attempt 1"], world.Events);
    }

    [Fact]
    public async Task Validate_run_without_problems_completes_ready()
    {
        var world = new FakeMigration().District("d1", ("dbo.School", 1, []));
        var outcome = await RunAsync(world, new RunInput { Mode = RunModes.Validate });

        Assert.Equal("completed", outcome.State);
        Assert.True(outcome.Validation!.Ready);
        Assert.StartsWith("ready: 1 district(s), 2 entities, 1 target database(s) checked in 1.2 s", outcome.Messages[^1], StringComparison.Ordinal);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public async Task Terminate_stops_the_run_and_its_status_says_so()
    {
        using var gate = new SemaphoreSlim(0);
        var world = new FakeMigration { Gate = gate }.District("d1", ("dbo.Student", 2, []));
        await using var host = await InMemoryTaskHub.StartAsync(world.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Run, new RunInput { Mode = RunModes.Full });
        using var timeout = new CancellationTokenSource(Patience);
        while (!world.Events.Any(e => e.StartsWith("execute", StringComparison.Ordinal)))
        {
            await Task.Delay(100, timeout.Token);
        }

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("operator stop", Recursive: true), timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        gate.Release(10);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.DoesNotContain("restore", world.Events);
        Assert.Equal("loading", done.ReadCustomStatusAs<RunStatus>()!.Phase);
    }

    private static async Task<RunOutcome> RunAsync(FakeMigration world, RunInput input)
    {
        await using var host = await InMemoryTaskHub.StartAsync(world.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Run, input);
        using var timeout = new CancellationTokenSource(Patience);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<RunOutcome>()!;
    }
}

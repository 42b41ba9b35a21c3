using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Core.Rollback;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Rollback;

public class RollbackSequenceTests
{
    private static readonly MappingSet Mappings = MappingBuilder.Build(District(), Config(), "sqlserver");

    private static TenantUndo Undo(Func<EntityMapping, EntityUndo> each) =>
        new("default", "d001", Guid.NewGuid(), [Guid.NewGuid()], Mappings.Entities.Select(each).ToList());

    private static IReadOnlyList<RollbackStep> Steps(Func<EntityMapping, EntityUndo> each, int rowsPerStep = 100) =>
        RollbackSequence.Build(Undo(each), Guid.NewGuid(), 1, rowsPerStep);

    private static EntityUndo Owned(EntityMapping m, long rows = 250) => new(m, true, null, rows, 0, true);

    [Fact]
    public void Children_are_deleted_before_their_parents()
    {
        var deletes = Steps(m => Owned(m)).Where(s => s.Kind == RollbackStepKind.Delete).Select(s => s.Entity).Distinct().ToList();
        Assert.True(deletes.IndexOf("dbo.Attendance") < deletes.IndexOf("dbo.StudentSchoolAssociation"));
        Assert.True(deletes.IndexOf("dbo.StudentSchoolAssociation") < deletes.IndexOf("dbo.Student"));
        Assert.True(deletes.IndexOf("dbo.StudentSchoolAssociation") < deletes.IndexOf("dbo.School"));
    }

    [Fact]
    public void Cycle_and_self_references_are_detached_before_any_delete()
    {
        var steps = Steps(m => Owned(m));
        var detach = steps.Where(s => s.Kind == RollbackStepKind.Detach).ToList();
        Assert.Contains(detach, s => s.Entity == "dbo.Staff" && s.Columns.Count > 0);
        Assert.Contains(detach, s => s.Entity == "dbo.School" && s.Columns.Count > 0);
        Assert.True(steps.ToList().FindLastIndex(s => s.Kind == RollbackStepKind.Detach) < steps.ToList().FindIndex(s => s.Kind == RollbackStepKind.Delete));
    }

    [Fact]
    public void Rows_are_cut_into_id_ranges_and_steps_numbered_in_order()
    {
        var steps = Steps(m => Owned(m, rows: 250), rowsPerStep: 100);
        Assert.Equal(3, steps.Count(s => s.Kind == RollbackStepKind.Delete && s.Entity == "dbo.Student"));
        Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.StepNo));
        Assert.Equal(Mappings.Entities.Count, steps.Count(s => s.Kind == RollbackStepKind.Bookkeeping));
        Assert.Equal(RollbackStepKind.Bookkeeping, steps[^1].Kind);
    }

    [Fact]
    public void Restores_run_parents_first_after_every_delete_and_cycles_are_reattached()
    {
        var steps = Steps(m => new EntityUndo(m, true, null, 10, 10, true));
        var restores = steps.Where(s => s.Kind == RollbackStepKind.Restore).Select(s => s.Entity).ToList();
        Assert.True(restores.IndexOf("dbo.Student") < restores.IndexOf("dbo.StudentSchoolAssociation"));
        Assert.True(steps.ToList().FindLastIndex(s => s.Kind == RollbackStepKind.Delete) < steps.ToList().FindIndex(s => s.Kind == RollbackStepKind.Restore));
        Assert.Contains(steps, s => s.Kind == RollbackStepKind.Reattach && s.Entity == "dbo.Staff");
    }

    [Fact]
    public void Only_images_of_runs_up_to_the_one_restored_from_count()
    {
        var (older, from, newer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var step = new RollbackStep
        {
            OperationId = Guid.NewGuid(),
            StepNo = 1,
            Target = "t",
            District = "d",
            Tenant = Guid.NewGuid(),
            Kind = RollbackStepKind.Restore,
            Entity = "dbo.Student",
            Schema = "dbo",
            Table = "student",
            Runs = [older, from, newer],
            RestoreFrom = from,
            Owned = true,
        };
        Assert.Equal([older, from], step.EligibleRuns);
        Assert.Equal([older, from, newer], (step with { RestoreFrom = null }).EligibleRuns);
    }

    [Fact]
    public void A_step_travels_as_a_few_hundred_bytes_of_json_and_comes_back_equal()
    {
        var step = Steps(m => Owned(m, rows: 250)).First(s => s.Kind == RollbackStepKind.Detach);
        var json = System.Text.Json.JsonSerializer.Serialize(step);
        var back = System.Text.Json.JsonSerializer.Deserialize<RollbackStep>(json)!;
        Assert.InRange(json.Length, 100, 1000);
        Assert.Equal(step.Range, back.Range);
        Assert.Equal(step.Runs, back.Runs);
        Assert.Equal(step.Columns, back.Columns);
        Assert.Equal((step.OperationId, step.StepNo, step.Kind, step.Entity, step.Table, step.Tenant), (back.OperationId, back.StepNo, back.Kind, back.Entity, back.Table, back.Tenant));
    }

    [Fact]
    public void A_cycle_of_not_null_references_between_tables_is_refused()
    {
        var school = Mappings.Entities.Single(e => e.Name == "dbo.School");
        var staff = Mappings.Entities.Single(e => e.Name == "dbo.Staff");
        var strict = new MappingSet(Mappings.Entities.Select(e => e == school || e == staff
            ? e with { References = e.References.Select(r => r with { Nullable = false }).ToList() }
            : e).ToList());
        var undo = new TenantUndo("default", "d001", Guid.NewGuid(), [Guid.NewGuid()], strict.Entities.Select(m => Owned(m)).ToList());
        var e = Assert.Throws<ConfigException>(() => RollbackSequence.Build(undo, Guid.NewGuid(), 1, 100));
        Assert.Contains("NOT NULL", e.Message);
    }

    [Fact]
    public void A_loaded_child_that_stays_blocks_deleting_its_parent()
    {
        var student = Mappings.Entities.Single(e => e.Name == "dbo.Student").Source;
        var association = Mappings.Entities.Single(e => e.Name == "dbo.StudentSchoolAssociation").Source;
        var remaining = DependentChildren.Remaining(Mappings, new HashSet<Core.Model.TableName> { student }, [student, association]);
        Assert.Contains((association, student), remaining);
        Assert.Empty(DependentChildren.Remaining(Mappings, new HashSet<Core.Model.TableName> { student, association }, [student, association]));
    }
}

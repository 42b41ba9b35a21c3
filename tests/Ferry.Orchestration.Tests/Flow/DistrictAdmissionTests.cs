using Ferry.Core.Configuration;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration.Tests.Flow;

public sealed class DistrictAdmissionTests
{
    private static DistrictResources D(string id, string source, params string[] targets) => new(id, source, targets);

    [Fact]
    public void Districts_on_one_target_start_only_while_the_per_target_limit_has_room()
    {
        var waiting = new[] { D("a", "s1", "t"), D("b", "s2", "t"), D("c", "s3", "t") };
        var admitted = DistrictAdmission.Admit(waiting, [], new LimitSettings { PerSource = 2, PerTarget = 4 });

        Assert.Equal(["a", "b"], admitted.Select(d => d.District));
    }

    [Fact]
    public void Districts_sharing_a_legacy_database_do_not_run_side_by_side_past_the_per_source_limit()
    {
        var waiting = new[] { D("b", "s1", "t") };
        var admitted = DistrictAdmission.Admit(waiting, [D("a", "s1", "t")], new LimitSettings { PerSource = 2, PerTarget = 8 });

        Assert.Empty(admitted);
    }

    [Fact]
    public void A_district_always_starts_when_nothing_runs_even_if_a_limit_is_smaller_than_its_slots()
    {
        var admitted = DistrictAdmission.Admit([D("a", "s1", "t")], [], new LimitSettings { PerSource = 4, PerTarget = 1 });

        Assert.Single(admitted);
        Assert.Equal(1, DistrictAdmission.Slots(new LimitSettings { PerSource = 4, PerTarget = 1 }));
    }
}

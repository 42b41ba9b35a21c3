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

    [Fact]
    public void Shared_room_lets_three_districts_on_one_target_run_side_by_side_within_the_per_target_limit()
    {
        var waiting = new[] { D("a", "s1", "t"), D("b", "s2", "t"), D("c", "s3", "t") };
        var admitted = DistrictAdmission.Share(waiting, [], new LimitSettings { PerSource = 2, PerTarget = 4 });

        Assert.Equal(["a", "b", "c"], admitted.Select(d => d.District.District));
        Assert.Equal([2, 1, 1], admitted.Select(d => d.Slots));
    }

    [Fact]
    public void Shared_room_gives_two_districts_their_full_slots_and_fifty_one_slot_each_up_to_the_limit()
    {
        var limits = new LimitSettings { PerSource = 2, PerTarget = 4 };
        Assert.Equal([2, 2], DistrictAdmission.Share([D("a", "s1", "t"), D("b", "s2", "t")], [], limits).Select(d => d.Slots));

        var fifty = Enumerable.Range(1, 50).Select(i => D($"d{i}", $"s{i}", "t")).ToList();
        var admitted = DistrictAdmission.Share(fifty, [], limits);
        Assert.Equal(4, admitted.Count);
        Assert.All(admitted, d => Assert.Equal(1, d.Slots));
    }

    [Fact]
    public void Shared_room_never_exceeds_either_limit_beside_running_districts()
    {
        var limits = new LimitSettings { PerSource = 2, PerTarget = 4 };
        var running = new[] { (D("a", "s1", "t"), 2), (D("b", "s2", "t"), 1) };

        Assert.Empty(DistrictAdmission.Share([D("c", "s1", "t")], running, limits));
        var admitted = DistrictAdmission.Share([D("d", "s3", "t"), D("e", "s4", "t")], running, limits);
        Assert.Equal(["d"], admitted.Select(d => d.District.District));
        Assert.Equal(1, admitted[0].Slots);
    }

    [Fact]
    public void Shared_room_starts_a_district_when_nothing_runs_even_if_a_limit_is_zero()
    {
        var admitted = DistrictAdmission.Share([D("a", "s1", "t")], [], new LimitSettings { PerSource = 0, PerTarget = 0 });

        Assert.Equal(1, Assert.Single(admitted).Slots);
    }

    [Fact]
    public void Districts_still_loading_take_over_the_room_a_finished_district_left_up_to_their_slots()
    {
        var limits = new LimitSettings { PerSource = 2, PerTarget = 4 };
        var grown = DistrictAdmission.Grow([(D("b", "s2", "t"), 1), (D("c", "s3", "t"), 1)], limits);

        Assert.Equal([("b", 2), ("c", 2)], grown.Select(g => (g.District.District, g.Slots)));
    }

    [Fact]
    public void Room_is_handed_out_one_slot_at_a_time_in_turn_and_never_past_the_per_target_limit()
    {
        var limits = new LimitSettings { PerSource = 4, PerTarget = 5 };
        var grown = DistrictAdmission.Grow([(D("a", "s1", "t"), 1), (D("b", "s2", "t"), 1), (D("c", "s3", "t"), 1)], limits);

        Assert.Equal([("a", 2), ("b", 2)], grown.Select(g => (g.District.District, g.Slots)));
        Assert.Empty(DistrictAdmission.Grow([(D("a", "s1", "t"), 2), (D("b", "s2", "t"), 1), (D("c", "s3", "t"), 1)], new LimitSettings { PerSource = 2, PerTarget = 4 }));
    }

    [Fact]
    public void Districts_sharing_a_legacy_database_grow_no_further_than_the_per_source_limit()
    {
        var limits = new LimitSettings { PerSource = 3, PerTarget = 8 };
        var grown = DistrictAdmission.Grow([(D("a", "s1", "t"), 1), (D("b", "s1", "t"), 1)], limits);

        Assert.Equal([("a", 2)], grown.Select(g => (g.District.District, g.Slots)));
    }
    [Fact]
    public void Room_is_lent_only_to_districts_asking_and_never_past_what_they_asked()
    {
        var limits = new LimitSettings { PerSource = 4, PerTarget = 6 };
        var lent = DistrictAdmission.Lend([(D("a", "s1", "t"), 1, 0), (D("b", "s2", "t"), 2, 1), (D("c", "s3", "t"), 1, 5)], limits);

        // Two slots of room: b asked for one, c for five; c holds the fewest, so it is served first, then b.
        Assert.Equal([("b", 1), ("c", 1)], lent.Select(l => (l.District.District, l.Lent)));
    }

    [Fact]
    public void Lending_goes_to_the_district_holding_the_fewest_and_stops_at_the_per_district_slots()
    {
        var limits = new LimitSettings { PerSource = 3, PerTarget = 8 };
        var lent = DistrictAdmission.Lend([(D("a", "s1", "t"), 1, 9), (D("b", "s2", "t"), 2, 9)], limits);

        Assert.Equal([("a", 2), ("b", 1)], lent.Select(l => (l.District.District, l.Lent)));
    }

    [Fact]
    public void Nothing_is_lent_when_the_target_or_the_legacy_database_is_full()
    {
        Assert.Empty(DistrictAdmission.Lend([(D("a", "s1", "t"), 2, 3), (D("b", "s2", "t"), 2, 3)], new LimitSettings { PerSource = 4, PerTarget = 4 }));
        Assert.Empty(DistrictAdmission.Lend([(D("a", "s1", "t"), 1, 3), (D("b", "s1", "u"), 1, 3)], new LimitSettings { PerSource = 2, PerTarget = 4 }));
    }
}

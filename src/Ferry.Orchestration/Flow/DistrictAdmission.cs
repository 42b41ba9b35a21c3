using Ferry.Core.Configuration;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration.Flow;

/// <summary>
/// The rule that keeps a run inside <c>limits:</c>: each district keeps at most <see cref="Slots"/> work items in
/// flight (the per-source limit, or the per-target one when smaller), and a district starts only while the districts
/// running beside it leave room for its slots in its legacy database and in each of its target databases. So at any
/// moment at most <c>perSource</c> work items read one legacy database and at most <c>perTarget</c> write one target
/// database, whatever the number of workers. Pure.
/// </summary>
public static class DistrictAdmission
{
    public static int Slots(LimitSettings limits) => Math.Max(1, Math.Min(limits.PerSource, limits.PerTarget));

    /// <summary>
    /// The waiting districts that may start now, in the order given, beside those <paramref name="running"/>. A
    /// district always fits when nothing runs, so a limit smaller than the slots cannot stall the run.
    /// </summary>
    public static IReadOnlyList<DistrictResources> Admit(
        IReadOnlyList<DistrictResources> waiting, IReadOnlyCollection<DistrictResources> running, LimitSettings limits)
    {
        var slots = Slots(limits);
        var used = new Usage();
        foreach (var d in running)
        {
            used.Take(d, slots);
        }

        var admitted = new List<DistrictResources>();
        foreach (var d in waiting)
        {
            var idle = running.Count == 0 && admitted.Count == 0;
            var fits = used.OfSource(d) + slots <= limits.PerSource && d.Targets.All(t => used.OfTarget(t) + slots <= limits.PerTarget);
            if (idle || fits)
            {
                admitted.Add(d);
                used.Take(d, slots);
            }
        }

        return admitted;
    }

    /// <summary>
    /// The waiting districts that may start now beside those <paramref name="running"/>, each with the work items it
    /// may keep in flight: the room its legacy database and target databases have left, shared out among the
    /// districts still waiting (rounded up, so the first take the remainder), at most <see cref="Slots"/> each. So
    /// three districts on one target of <c>perTarget: 4</c> run side by side with 2, 1 and 1 slots instead of two of
    /// them with 2 while the third waits: a district spends much of its time on a chain of small loads that one slot
    /// serves as well as two. A district always starts when nothing runs. Pure.
    /// </summary>
    public static IReadOnlyList<(DistrictResources District, int Slots)> Share(
        IReadOnlyList<DistrictResources> waiting, IReadOnlyCollection<(DistrictResources District, int Slots)> running, LimitSettings limits)
    {
        var most = Slots(limits);
        var used = new Usage();
        foreach (var (d, slots) in running)
        {
            used.Take(d, slots);
        }

        var admitted = new List<(DistrictResources, int)>();
        for (var i = 0; i < waiting.Count; i++)
        {
            var d = waiting[i];
            var targetRoom = d.Targets.Count == 0 ? limits.PerTarget : d.Targets.Min(t => limits.PerTarget - used.OfTarget(t));
            var room = Math.Min(limits.PerSource - used.OfSource(d), targetRoom);
            var share = (int)Math.Ceiling(Math.Max(0, targetRoom) / (double)(waiting.Count - i));
            var slots = Math.Min(most, Math.Min(room, share));
            if (running.Count == 0 && admitted.Count == 0)
            {
                slots = Math.Max(1, slots);
            }

            if (slots >= 1)
            {
                admitted.Add((d, slots));
                used.Take(d, slots);
            }
        }

        return admitted;
    }

    /// <summary>
    /// The room the running districts leave in their legacy databases and target databases, handed back to them one
    /// slot at a time in turn, each up to <see cref="Slots"/>: when a district finishes, the districts still loading
    /// take over its slots instead of leaving them idle to the end of the run. Returns the districts whose slots grew,
    /// with their new count, in the order given. Pure.
    /// </summary>
    public static IReadOnlyList<(DistrictResources District, int Slots)> Grow(
        IReadOnlyList<(DistrictResources District, int Slots)> running, LimitSettings limits)
    {
        var most = Slots(limits);
        var used = new Usage();
        foreach (var (d, slots) in running)
        {
            used.Take(d, slots);
        }

        var grown = running.Select(r => r.Slots).ToArray();
        for (var any = true; any;)
        {
            any = false;
            for (var i = 0; i < running.Count; i++)
            {
                var d = running[i].District;
                if (grown[i] < most && used.OfSource(d) < limits.PerSource && d.Targets.All(t => used.OfTarget(t) < limits.PerTarget))
                {
                    grown[i]++;
                    used.Take(d, 1);
                    any = true;
                }
            }
        }

        return running.Select((r, i) => (r.District, Slots: grown[i])).Where((r, i) => r.Slots > running[i].Slots).ToList();
    }

    /// <summary>
    /// The room the running districts leave in their legacy databases and target databases, lent to those asking for
    /// more (<c>Wanted</c>): one slot at a time, each turn to the asking district that holds the fewest (the first
    /// given among equals), never past what it asked, <see cref="Slots"/>, or the limits. Returns the districts that
    /// get some, with how many, in the order given. Pure.
    /// </summary>
    public static IReadOnlyList<(DistrictResources District, int Lent)> Lend(
        IReadOnlyList<(DistrictResources District, int Slots, int Wanted)> running, LimitSettings limits)
    {
        var most = Slots(limits);
        var used = new Usage();
        foreach (var (d, slots, _) in running)
        {
            used.Take(d, slots);
        }

        var lent = new int[running.Count];
        while (true)
        {
            var next = -1;
            for (var i = 0; i < running.Count; i++)
            {
                var (d, slots, wanted) = running[i];
                var fits = lent[i] < wanted && slots + lent[i] < most
                    && used.OfSource(d) < limits.PerSource && d.Targets.All(t => used.OfTarget(t) < limits.PerTarget);
                if (fits && (next < 0 || slots + lent[i] < running[next].Slots + lent[next]))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                break;
            }

            lent[next]++;
            used.Take(running[next].District, 1);
        }

        return running.Select((r, i) => (r.District, Lent: lent[i])).Where(r => r.Lent > 0).ToList();
    }

    /// <summary>Work items in flight per legacy database and per target database.</summary>
    private sealed class Usage
    {
        private readonly Dictionary<string, int> _sources = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _targets = new(StringComparer.Ordinal);

        public void Take(DistrictResources d, int slots)
        {
            _sources[d.Source] = OfSource(d) + slots;
            foreach (var t in d.Targets)
            {
                _targets[t] = OfTarget(t) + slots;
            }
        }

        public int OfSource(DistrictResources d) => _sources.GetValueOrDefault(d.Source);

        public int OfTarget(string target) => _targets.GetValueOrDefault(target);
    }
}

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
        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        void Take(DistrictResources d)
        {
            sources[d.Source] = sources.GetValueOrDefault(d.Source) + slots;
            foreach (var t in d.Targets)
            {
                targets[t] = targets.GetValueOrDefault(t) + slots;
            }
        }

        foreach (var d in running)
        {
            Take(d);
        }

        var admitted = new List<DistrictResources>();
        foreach (var d in waiting)
        {
            var idle = running.Count == 0 && admitted.Count == 0;
            var fits = sources.GetValueOrDefault(d.Source) + slots <= limits.PerSource
                && d.Targets.All(t => targets.GetValueOrDefault(t) + slots <= limits.PerTarget);
            if (idle || fits)
            {
                admitted.Add(d);
                Take(d);
            }
        }

        return admitted;
    }
}

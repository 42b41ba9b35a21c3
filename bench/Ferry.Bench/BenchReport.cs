using System.Text.Json;

namespace Ferry.Bench;

/// <summary>Every figure of one benchmark invocation, printed as a table and written as JSON.</summary>
public sealed class BenchReport
{
    public Dictionary<string, long> Rows { get; } = [];

    /// <summary>rows/s per table and step ("copy", "copy_index_after", "load", "verify", "pgloader", "rollback").</summary>
    public Dictionary<string, Dictionary<string, Figures>> RowsPerSecond { get; } = [];

    public Figures LoadPeakRssMb { get; } = new();

    public Figures VerifyPeakRssMb { get; } = new();

    public double? PlanningSeconds { get; set; }

    public int PlanningBatches { get; set; }

    public int PlanningLoads { get; set; }

    public string Machine { get; set; } = "";

    /// <summary>The many-entity shape: load and ceiling seconds, and per repetition the ceiling's time over the load's.</summary>
    public Figures ManyLoadSeconds { get; } = new();

    public Figures ManyCeilingSeconds { get; } = new();

    public Figures ManyRatios { get; } = new();

    public int ManyEntities { get; set; }

    public int ManyDistricts { get; set; }

    public long ManyRows { get; set; }

    public Figures Get(string table, string step)
    {
        if (!RowsPerSecond.TryGetValue(table, out var steps))
        {
            RowsPerSecond[table] = steps = [];
        }

        if (!steps.TryGetValue(step, out var figures))
        {
            steps[step] = figures = new Figures();
        }

        return figures;
    }

    private double Ratio(string table, string a, string b) =>
        RowsPerSecond.TryGetValue(table, out var s) && s.TryGetValue(a, out var x) && s.TryGetValue(b, out var y) && y.Median > 0 ? x.Median / y.Median : double.NaN;

    /// <summary>The ceiling's two ways: indexes maintained during the COPY, or built after it.</summary>
    public static readonly string[] CopySteps = ["copy", "copy_index_after"];

    /// <summary>The load against the faster of the ceiling's two ways, per table.</summary>
    public Dictionary<string, double> LoadVsCopy => BenchDataset.Tables.ToDictionary(
        t => t.Table, t => Math.Round(CopySteps.Select(step => Ratio(t.Table, "load", step)).Where(r => !double.IsNaN(r)).DefaultIfEmpty(double.NaN).Min(), 3));

    /// <summary>The load against each way of the ceiling, per table.</summary>
    public Dictionary<string, Dictionary<string, double>> LoadVsCopyByStep => BenchDataset.Tables.ToDictionary(
        t => t.Table, t => CopySteps.ToDictionary(step => step, step => Math.Round(Ratio(t.Table, "load", step), 3)));

    /// <summary>Whether the large-table shape was measured (dm bench --shape many leaves it out).</summary>
    private bool HasLarge => RowsPerSecond.ContainsKey("student");

    public double VerifyVsLoad => Math.Round(Ratio("total", "verify", "load"), 3);

    public double LoadVsPgloader => Math.Round(Ratio("total", "load", "pgloader"), 3);

    public void Print(TextWriter output)
    {
        output.WriteLine($"machine: {Machine}");
        if (RowsPerSecond.Count > 0)
        {
            output.WriteLine($"{"table",-28} {"step",-17} {"rows/s median (min-max)",36}");
        }

        foreach (var (table, steps) in RowsPerSecond)
        {
            foreach (var (step, figures) in steps)
            {
                output.WriteLine($"{table,-28} {step,-17} {figures,36}");
            }
        }

        foreach (var (table, ratio) in HasLarge ? LoadVsCopy : [])
        {
            output.WriteLine($"load_vs_copy {table}: {ratio:0.00} (the faster ceiling; {string.Join(", ", LoadVsCopyByStep[table].Select(r => $"{r.Key} {r.Value:0.00}"))})");
        }

        if (!double.IsNaN(VerifyVsLoad))
        {
            output.WriteLine($"verify_vs_load: {VerifyVsLoad:0.00}");
        }

        if (!double.IsNaN(LoadVsPgloader))
        {
            output.WriteLine($"load_vs_pgloader: {LoadVsPgloader:0.00}");
        }

        if (LoadPeakRssMb.Count > 0)
        {
            output.WriteLine($"peak_rss_mb (load): {LoadPeakRssMb}");
        }
        if (VerifyPeakRssMb.Count > 0)
        {
            output.WriteLine($"peak_rss_mb (verify): {VerifyPeakRssMb}");
        }

        if (RowsPerSecond.TryGetValue("total", out var total) && total.TryGetValue("rollback", out var rollback))
        {
            output.WriteLine($"rollback rows/s (one district, both tables): {rollback}");
        }

        if (ManyRatios.Count > 0)
        {
            output.WriteLine($"many entities ({ManyDistricts} districts x {ManyEntities} entities, {ManyRows:N0} rows): load {ManyLoadSeconds.Median:0.0} s ({ManyLoadSeconds.Min:0.0}-{ManyLoadSeconds.Max:0.0}), " +
                $"ceiling {ManyCeilingSeconds.Median:0.0} s ({ManyCeilingSeconds.Min:0.0}-{ManyCeilingSeconds.Max:0.0}), load_vs_ceiling {ManyRatios.Median:0.00} ({ManyRatios.Min:0.00}-{ManyRatios.Max:0.00})");
        }

        if (PlanningSeconds is { } seconds)
        {
            output.WriteLine($"planning: {PlanningLoads:N0} loads, {PlanningBatches:N0} batches planned and stored in {seconds:0.00} s");
        }
    }

    public string ToJson()
    {
        var json = new Dictionary<string, object?>
        {
            ["machine"] = Machine,
            ["rows"] = Rows,
            ["load_vs_copy"] = HasLarge ? LoadVsCopy : null,
            ["load_vs_copy_by_step"] = HasLarge ? LoadVsCopyByStep : null,
            ["verify_vs_load"] = double.IsNaN(VerifyVsLoad) ? null : VerifyVsLoad,
            ["load_vs_pgloader"] = double.IsNaN(LoadVsPgloader) ? null : LoadVsPgloader,
            ["peak_rss_mb"] = Math.Round(LoadPeakRssMb.Max),
            ["peak_rss_mb_runs"] = LoadPeakRssMb.ToJson(),
            ["verify_peak_rss_mb"] = VerifyPeakRssMb.Count == 0 ? null : Math.Round(VerifyPeakRssMb.Max),
            ["rows_per_s"] = RowsPerSecond.ToDictionary(t => t.Key, t => t.Value.ToDictionary(s => s.Key, s => s.Value.ToJson())),
            ["many_entities"] = ManyRatios.Count == 0 ? null : new
            {
                districts = ManyDistricts,
                entities = ManyEntities,
                rows = ManyRows,
                load_seconds = new { median = Math.Round(ManyLoadSeconds.Median, 2), min = Math.Round(ManyLoadSeconds.Min, 2), max = Math.Round(ManyLoadSeconds.Max, 2) },
                ceiling_seconds = new { median = Math.Round(ManyCeilingSeconds.Median, 2), min = Math.Round(ManyCeilingSeconds.Min, 2), max = Math.Round(ManyCeilingSeconds.Max, 2) },
                load_vs_ceiling = Math.Round(ManyRatios.Median, 3),
            },
            ["planning"] = PlanningSeconds is null ? null : new { seconds = Math.Round(PlanningSeconds.Value, 3), loads = PlanningLoads, batches = PlanningBatches },
        };
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true });
    }
}

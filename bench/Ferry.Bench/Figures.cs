namespace Ferry.Bench;

/// <summary>Repeated measurements of one figure: median, minimum and maximum.</summary>
public sealed class Figures
{
    private readonly List<double> _values = [];

    public void Add(double value) => _values.Add(value);

    public int Count => _values.Count;

    public double Median
    {
        get
        {
            if (_values.Count == 0)
            {
                return 0;
            }

            var sorted = _values.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => _values.Count == 0 ? 0 : _values.Min();

    public double Max => _values.Count == 0 ? 0 : _values.Max();

    public object ToJson() => new { median = Math.Round(Median), min = Math.Round(Min), max = Math.Round(Max), runs = _values.Select(v => Math.Round(v)).ToArray() };

    public override string ToString() => $"{Median,12:N0} ({Min:N0}-{Max:N0})";
}

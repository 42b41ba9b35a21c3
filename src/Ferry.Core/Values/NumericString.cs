namespace Ferry.Core.Values;

/// <summary>
/// An exact number in <see cref="DecimalText"/>'s canonical spelling, for values <see cref="decimal"/> cannot hold.
/// Quarantine JSON writes it as a JSON number when finite.
/// </summary>
public readonly record struct NumericString(string Canonical)
{
    public bool IsFinite => Canonical is not ("NaN" or "Infinity" or "-Infinity");

    public override string ToString() => Canonical;
}

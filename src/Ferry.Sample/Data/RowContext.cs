using Ferry.Sample.Randomness;

namespace Ferry.Sample.Data;

/// <summary>What a <see cref="RowFiller"/> may use: the table's own random stream and the sizes of the district.</summary>
internal sealed class RowContext(SampleRandom random, TableSizes sizes)
{
    public SampleRandom Random { get; } = random;

    public TableSizes Sizes { get; } = sizes;

    public SampleScale Scale => Sizes.Scale;
}

namespace Ferry.Sample.Families;

/// <summary>
/// The descriptive columns an entity gets, chosen from its name so that events carry dates, associations carry
/// validity ranges and finance tables carry amounts, as in the systems the sample imitates.
/// </summary>
internal enum EntityFlavor
{
    Named,
    Person,
    Event,
    Period,
    Amount,
    Score,
}

namespace Ferry.Sample;

/// <summary>
/// One generated legacy district. <see cref="Connection"/> carries the real credentials for in-process use; it never
/// goes into a written configuration file (see <see cref="SampleConfigWriter"/>).
/// </summary>
public sealed record SampleDistrict(string Id, string Database, string Connection, int Students);

using Ferry.Sample.Data;
using Ferry.Sample.Schema;
using Npgsql;

namespace Ferry.Sample.Loading;

/// <summary>One district to generate: its names, its connection and the row count of every table.</summary>
internal sealed record DistrictPlan(int Number, string Id, string Database, string Connection, TableSizes Sizes)
{
    public static IReadOnlyList<DistrictPlan> For(SampleOptions options, SampleCatalog catalog)
    {
        var largestResults = options.AssessmentResults ?? 3L * options.Students;
        var plans = new List<DistrictPlan>(options.Districts);
        for (var k = 0; k < options.Districts; k++)
        {
            var students = StudentsOf(options.Students, k);
            var results = k == 0 ? largestResults : (long)Math.Round((double)largestResults * students / options.Students);
            var id = $"d{k + 1:D3}";
            var database = options.DatabasePrefix + id;
            var connection = new NpgsqlConnectionStringBuilder(options.AdminConnection) { Database = database }.ConnectionString;
            var scale = new SampleScale(k + 1, students, results);
            plans.Add(new DistrictPlan(k + 1, id, database, connection, TableSizes.Compute(catalog.Tables, scale)));
        }

        return plans;
    }

    /// <summary>District k (0-based) is smaller than the first by 1 / (1 + 0.5k), but never below 10 students.</summary>
    public static int StudentsOf(int largest, int k) => Math.Max(10, (int)Math.Round(largest / (1 + 0.5 * k), MidpointRounding.AwayFromZero));

    public SampleDistrict ToDistrict() => new(Id, Database, Connection, Sizes.Scale.Students);
}

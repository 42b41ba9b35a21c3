namespace Ferry.Bench;

/// <summary>What the benchmark measures and at which size.</summary>
public sealed record BenchOptions
{
    /// <summary>Connection to the PostgreSQL server's maintenance database; the benchmark creates its own databases.</summary>
    public required string Server { get; init; }

    public int Students { get; init; } = 1_000_000;

    public int? Results { get; init; }

    public int Repeat { get; init; } = 3;

    public int Parallelism { get; init; } = 4;

    public bool ComparePgloader { get; init; }

    /// <summary>Districts and entities of the synthetic plan (50 x 383 in the targets).</summary>
    public int PlanDistricts { get; init; } = 50;

    public string? JsonPath { get; init; }

    /// <summary>large (two big tables), many (districts of 383 mostly small entities) or both.</summary>
    public string Shape { get; init; } = "large";

    public bool Large => Shape is "large" or "both";

    public bool Many => Shape is "many" or "both";

    /// <summary>The many-entity shape: districts of the full profile and students in the largest (the demo's sizes by default).</summary>
    public int ManyDistricts { get; init; } = 3;

    public int ManyStudents { get; init; } = 2_000;

    /// <summary>The dm tool to run loads and verifies with, as a child process (its memory is measured).</summary>
    public required string DmPath { get; init; }

    public int ResultRows => Results ?? Students * 3;
}

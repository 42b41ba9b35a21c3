using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Support;

namespace Ferry.IntegrationTests.Engine;

/// <summary>
/// How a load is planned and its orphans found, on a real source: a gap-free integer key is cut by value, a sparse
/// one by row numbers; a reference to a small integer key span is checked against the parent's keys, one to a wide
/// sparse span by an anti-join, and both find the same orphans.
/// </summary>
public sealed class PlanningAndOrphanSearchTests : IAsyncLifetime
{
    private static readonly Guid Tenant = Guid.Parse("6a1f7c1e-0000-4000-8000-000000000001");
    private TestDatabase _source = null!;

    private static EntityMapping Entity(string table, string key, ValueKind kind, params ReferenceMap[] references) => new()
    {
        Source = new TableName("dbo", table),
        Target = "default",
        TargetSchema = "dbo",
        TargetTable = table.ToLowerInvariant(),
        Key = [key],
        KeyOrigin = KeyOrigin.PrimaryKey,
        Columns =
        [
            new ColumnMap(key, "legacy_" + key.ToLowerInvariant(), "integer", "integer", kind, false),
            .. references.Select(r => new ColumnMap(r.Columns[0], r.Columns[0].ToLowerInvariant(), "bigint", "bigint", ValueKind.Int64, true)),
        ],
        References = references,
    };

    private static readonly EntityMapping Dense = Entity("Dense", "DenseId", ValueKind.Int32);
    private static readonly EntityMapping Sparse = Entity("Sparse", "SparseId", ValueKind.Int64);
    private static readonly EntityMapping Child = Entity(
        "Child",
        "ChildId",
        ValueKind.Int32,
        new ReferenceMap("FK_Child_Dense", ["DenseRef"], Dense.Source, "dense_id", true, false, null),
        new ReferenceMap("FK_Child_Sparse", ["SparseRef"], Sparse.Source, "sparse_id", true, false, null));

    private DistrictSettings District => new("d001", Tenant, new SourceSettings("postgres", _source.ConnectionString));

    private static MigrationConfig Config => new()
    {
        File = "test.yaml",
        Targets = [],
        UuidNamespace = Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341"),
        Districts = [],
    };

    public async Task InitializeAsync()
    {
        _source = await TestDatabase.CreateAsync("ferry_plan_");
        // Dense: keys 1..1000. Sparse: 1..50 and 5,000,000, a span far wider than the child. Child: every 10th row
        // names a dense key that does not exist, every 20th a sparse one; every 7th has no sparse reference.
        await _source.ExecuteAsync("""
            CREATE SCHEMA dbo;
            CREATE TABLE dbo."Dense" ("DenseId" integer PRIMARY KEY);
            INSERT INTO dbo."Dense" SELECT generate_series(1, 1000);
            CREATE TABLE dbo."Sparse" ("SparseId" bigint PRIMARY KEY);
            INSERT INTO dbo."Sparse" SELECT generate_series(1, 50) UNION ALL SELECT 5000000;
            CREATE TABLE dbo."Child" ("ChildId" integer PRIMARY KEY, "DenseRef" bigint, "SparseRef" bigint);
            INSERT INTO dbo."Child"
            SELECT i, CASE WHEN i % 10 = 0 THEN 5000 + i ELSE i % 1000 + 1 END,
                   CASE WHEN i % 7 = 0 THEN NULL WHEN i % 20 = 0 THEN 999 ELSE i % 50 + 1 END
            FROM generate_series(1, 200) i;
            ANALYZE;
            """);
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Fact]
    public async Task Gap_free_integer_key_is_cut_by_value_into_batch_sized_ranges()
    {
        var plan = await LoadPlanner.PlanAsync(Guid.NewGuid(), District, Dense, 100, CancellationToken.None);

        Assert.Equal(1000, plan.SourceRows);
        Assert.Equal(10, plan.Batches.Count);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"[\"{i * 100}\"]"), plan.Batches.Take(9).Select(b => b.Upper));
        Assert.Null(plan.Batches[^1].Upper);
        Assert.Equal("[\"900\"]", plan.Batches[^1].Lower);
    }

    [Fact]
    public async Task Sparse_integer_key_is_cut_at_every_nth_row()
    {
        var plan = await LoadPlanner.PlanAsync(Guid.NewGuid(), District, Sparse, 10, CancellationToken.None);

        // 51 keys: the 10th, 20th, ... 50th are the bounds, so the 5,000,000 falls into the open last batch.
        Assert.Equal(["[\"10\"]", "[\"20\"]", "[\"30\"]", "[\"40\"]", "[\"50\"]", null], plan.Batches.Select(b => b.Upper));
    }

    [Fact]
    public async Task Small_parent_span_is_checked_by_key_and_wide_sparse_span_by_anti_join_with_the_same_orphans()
    {
        var mappings = new MappingSet([Dense, Sparse, Child]);

        var orphans = await OrphansAsync(mappings, new ParentKeyCache());

        Assert.True(orphans.ByKey(0));
        Assert.False(orphans.ByKey(1));
        var denseIds = new DeterministicUuid(Config.UuidNamespace, Tenant, Dense.Name);
        var sparseIds = new DeterministicUuid(Config.UuidNamespace, Tenant, Sparse.Name);
        Assert.True(orphans.IsMissing(0, 5010, denseIds.For("5010")));
        Assert.False(orphans.IsMissing(0, 11, denseIds.For("11")));
        Assert.False(orphans.IsMissing(0, 1000, denseIds.For("1000")));
        Assert.True(orphans.IsMissing(1, sparseIds.For("999")));
        Assert.False(orphans.IsMissing(1, sparseIds.For("5000000")));
        Assert.False(orphans.IsMissing(1, sparseIds.For("11")));
    }

    [Fact]
    public async Task Child_row_estimate_from_introspection_decides_without_counting()
    {
        // The child's estimate, not a count, weighs reading the wide sparse span against scanning the child: with
        // two million rows estimated, reading 5,000,000 bits is the cheaper way, and it finds the same orphans.
        var introspected = await MigrationContext.IntrospectAsync(District, CancellationToken.None);
        var schema = new SourceSchema(introspected.Tables.Select(t => t.Name == Child.Source ? t with { EstimatedRows = 2_000_000 } : t).ToList());
        var mappings = new MappingSet([Dense, Sparse, Child]);

        var orphans = await OrphansAsync(mappings, new ParentKeyCache(), schema);

        Assert.True(orphans.ByKey(1));
        var sparseIds = new DeterministicUuid(Config.UuidNamespace, Tenant, Sparse.Name);
        Assert.True(orphans.IsMissing(1, 999, sparseIds.For("999")));
        Assert.False(orphans.IsMissing(1, 5000000, sparseIds.For("5000000")));
    }

    [Fact]
    public async Task Parent_keys_are_read_once_per_district_and_shared_by_every_child()
    {
        var mappings = new MappingSet([Dense, Sparse, Child]);
        var cache = new ParentKeyCache();

        var first = await OrphansAsync(mappings, cache);
        await _source.ExecuteAsync("DELETE FROM dbo.\"Dense\" WHERE \"DenseId\" = 11");
        var second = await OrphansAsync(mappings, cache);
        var fresh = await OrphansAsync(mappings, new ParentKeyCache());

        var ids = new DeterministicUuid(Config.UuidNamespace, Tenant, Dense.Name);
        Assert.Same(await cache.GetAsync(District, Dense, CancellationToken.None), await cache.GetAsync(District, Dense, CancellationToken.None));
        Assert.False(first.IsMissing(0, 11, ids.For("11")));
        Assert.False(second.IsMissing(0, 11, ids.For("11")));
        Assert.True(fresh.IsMissing(0, 11, ids.For("11")));
    }

    /// <summary>What a worker builds for a load: the search planning recorded, completed where the batches run.</summary>
    private async Task<OrphanIndex> OrphansAsync(MappingSet mappings, ParentKeyCache cache, SourceSchema? schema = null)
    {
        var search = await LoadPlanner.SearchOrphansAsync(Config, District, Child, mappings, schema, CancellationToken.None);
        return await LoadPlanner.OrphanIndexAsync(
            Config, District, Child, mappings,
            search.Missing.GroupBy(m => m.Reference).ToDictionary(g => g.Key, g => g.Select(m => m.Parent).ToHashSet()),
            search.ByKey.ToHashSet(),
            _ => Task.FromResult(new HashSet<Guid>()),
            cache,
            schema,
            CancellationToken.None);
    }
}

using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Planning;

/// <summary>
/// Case-sensitive catalogs: names that differ only in case are different tables and columns. Names people write in
/// the configuration still find the catalog's spelling when only one table or column could be meant.
/// </summary>
public class CaseSensitiveNamesTests
{
    private static SourceSchema Schema() => new(
    [
        Table("dbo.Term", ["TermId"], [Int("TermId"), Text("Code"), Text("CODE")]),
        Table("dbo.TERM", ["TermId"], [Int("TermId"), Text("Label")]),
        Table("dbo.Grade", null, [Int("GradeId"), Int("TermId")]),
    ]);

    private static MigrationConfig Config(string relationships) => ConfigLoader.Parse(
        $$"""
        target: { connection: "Host=x;Database=t" }
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - { id: d001, tenant: "6a1f7c1e-0000-4000-8000-000000000001", source: { provider: sqlserver, connection: "Server=x" } }
        keys: ["dbo.grade(gradeid)"]
        {{relationships}}
        """,
        "test.yaml",
        _ => null);

    [Fact]
    public void Names_differing_only_in_case_are_different_tables()
    {
        Assert.NotEqual(new TableName("dbo", "Term"), new TableName("dbo", "TERM"));
        Assert.Equal(new TableName("dbo", "Term"), TableName.Parse("dbo.Term"));
        Assert.Equal("Label", Schema().Find(new TableName("dbo", "TERM"))!.Columns[1].Name);
        Assert.Equal("Code", Schema().Find(new TableName("dbo", "Term"))!.Columns[1].Name);
    }

    [Fact]
    public void Exact_spelling_wins_and_a_unique_case_variant_is_found()
    {
        var term = Schema().Find(new TableName("dbo", "Term"))!;

        Assert.Equal("CODE", term.Column("CODE")!.Name);
        Assert.Equal("Code", term.Column("Code")!.Name);
        Assert.Null(term.Column("code"));
        Assert.Equal("TermId", term.Column("termid")!.Name);
        Assert.Equal(new TableName("dbo", "Grade"), Schema().Find(new TableName("DBO", "grade"))!.Name);
        Assert.Null(Schema().Find(new TableName("dbo", "term")));
    }

    [Fact]
    public void Columns_differing_only_in_case_stay_distinct_and_their_snake_case_collision_is_marked()
    {
        var mappings = MappingBuilder.Build(Schema(), Config(""), "sqlserver");
        var term = mappings[new TableName("dbo", "Term")];

        Assert.Equal(["TermId", "Code", "CODE"], term.Columns.Select(c => c.Source));
        Assert.Equal("Code", term.Column("Code").Source);
        Assert.Equal("CODE", term.Column("CODE").Source);
        Assert.NotNull(term.Column("Code").Collision);
        Assert.Contains(mappings.Collisions(), c => c.Contains("dbo.Term.Code and dbo.Term.CODE", StringComparison.Ordinal));
    }

    [Fact]
    public void Configured_names_resolve_to_the_catalog_spelling()
    {
        var mappings = MappingBuilder.Build(Schema(), Config("""relationships: [{ from: "dbo.grade(termid)", to: "dbo.TERM(TermId)" }]"""), "sqlserver");

        var grade = mappings[new TableName("dbo", "Grade")];
        Assert.Equal(["GradeId"], grade.Key);
        var reference = Assert.Single(grade.References);
        Assert.Equal((new TableName("dbo", "TERM"), "TermId"), (reference.Parent, reference.Columns.Single()));
    }

    [Fact]
    public void A_configured_name_two_tables_could_mean_is_refused_naming_both()
    {
        var error = Assert.Throws<ConfigException>(() =>
            MappingBuilder.Build(Schema(), Config("""relationships: [{ from: "dbo.Grade(TermId)", to: "dbo.term(TermId)" }]"""), "sqlserver"));

        Assert.Equal("test.yaml: relationships: table dbo.term does not exist in the source (names differing only in case: dbo.Term, dbo.TERM; write the exact one)", error.Message);
    }
}

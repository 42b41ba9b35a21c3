using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Planning;

public sealed class NameCollisionTests
{
    private static MigrationConfig Plain() => ConfigLoader.Parse(
        """
        target: { connection: "Host=x;Database=t" }
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - { id: d001, tenant: "6a1f7c1e-0000-4000-8000-000000000001", source: { provider: sqlserver, connection: "Server=x" } }
        """,
        "test.yaml",
        _ => null);

    [Fact]
    public void Columns_whose_snake_case_names_collide_are_marked_not_renamed()
    {
        var schema = new SourceSchema([Table("dbo.Orders", ["OrderId"], [Int("OrderId"), Text("OrderDate"), Text("order_date")])]);
        var mappings = MappingBuilder.Build(schema, Plain(), "sqlserver");
        var orders = mappings[TableName.Parse("dbo.Orders")];

        Assert.Equal("order_date", orders.Column("OrderDate").Target);
        Assert.Equal("order_date", orders.Column("order_date").Target);
        Assert.Contains("dbo.Orders.order_date", orders.Column("OrderDate").Collision);
        var collision = Assert.Single(mappings.Collisions());
        Assert.Contains("dbo.Orders.OrderDate and dbo.Orders.order_date", collision);
    }

    [Fact]
    public void Tables_whose_snake_case_names_collide_are_marked()
    {
        var schema = new SourceSchema(
        [
            Table("dbo.OrderLine", ["Id"], [Int("Id")]),
            Table("dbo.Order_Line", ["Id"], [Int("Id")]),
        ]);
        var mappings = MappingBuilder.Build(schema, Plain(), "sqlserver");

        Assert.All(mappings.Entities, e => Assert.Contains("dbo.OrderLine and dbo.Order_Line", e.Collision));
        Assert.Contains("all become table dbo.order_line", Assert.Single(mappings.Collisions()));
    }

    [Fact]
    public void A_mapping_without_collisions_has_none() => Assert.Empty(MappingBuilder.Build(District(), Config(), "sqlserver").Collisions());

    [Fact]
    public void A_configured_key_for_a_table_with_a_primary_key_is_refused()
    {
        var message = Assert.Throws<ConfigException>(() => MappingBuilder.Build(District(), Config("\n  - \"dbo.Student(FirstName)\"\n"), "sqlserver")).Message;
        Assert.Contains("keys: dbo.Student already has a primary key (StudentId)", message);
    }
}

using Ferry.Core.Model;
using Ferry.Core.Planning;
using static Ferry.Core.Tests.Planning.SchemaBuilder;

namespace Ferry.Core.Tests.Planning;

public class DependencyGraphTests
{
    private static LoadOrder Order() => DependencyGraph.Order(MappingBuilder.Build(District(), Config(), "sqlserver").Entities);

    private static int Position(LoadOrder order, string name) => order.Ordered.ToList().FindIndex(e => e.Name == name);

    [Fact]
    public void Parents_load_before_children()
    {
        var order = Order();
        Assert.True(Position(order, "dbo.Student") < Position(order, "dbo.StudentSchoolAssociation"));
        Assert.True(Position(order, "dbo.School") < Position(order, "dbo.StudentSchoolAssociation"));
        Assert.True(Position(order, "dbo.StudentSchoolAssociation") < Position(order, "dbo.Attendance"));
    }

    [Fact]
    public void Every_entity_is_ordered_once()
    {
        var order = Order();
        Assert.Equal(6, order.Ordered.Count);
        Assert.Equal(6, order.Ordered.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void Self_reference_is_left_out_of_the_order()
    {
        Assert.Contains(Order().BrokenEdges, b => b.Child.Name == "Staff" && b.Reference.Parent.Name == "Staff");
    }

    [Fact]
    public void Cycle_is_broken_at_the_nullable_reference()
    {
        var order = Order();
        var broken = order.BrokenEdges.Where(b => b.Reference.Parent.Name != b.Child.Name).ToList();
        var edge = Assert.Single(broken);
        Assert.Equal("School", edge.Child.Name);
        Assert.Equal("Staff", edge.Reference.Parent.Name);
        Assert.True(Position(order, "dbo.School") < Position(order, "dbo.Staff"));
    }

    [Fact]
    public void Order_is_the_same_whatever_the_input_order()
    {
        var entities = MappingBuilder.Build(District(), Config(), "sqlserver").Entities;
        var a = DependencyGraph.Order(entities).Ordered.Select(e => e.Name);
        var b = DependencyGraph.Order(entities.Reverse().ToList()).Ordered.Select(e => e.Name);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Rollback_order_is_children_first()
    {
        var order = Order();
        var reversed = order.Reversed.Select(e => e.Name).ToList();
        Assert.True(reversed.IndexOf("dbo.Attendance") < reversed.IndexOf("dbo.Student"));
    }

    [Fact]
    public void Prerequisites_exclude_broken_edges()
    {
        var order = Order();
        Assert.DoesNotContain(TableName.Parse("dbo.Staff"), order.Prerequisites[TableName.Parse("dbo.School")]);
        Assert.Contains(TableName.Parse("dbo.School"), order.Prerequisites[TableName.Parse("dbo.Staff")]);
    }

    [Fact]
    public void A_cycle_without_nullable_references_is_still_broken_deterministically()
    {
        var schema = new SourceSchema(
        [
            Table("dbo.A", ["AId"], [Int("AId"), Int("BId")], Fk("dbo.A", ["BId"], "dbo.B", ["BId"])),
            Table("dbo.B", ["BId"], [Int("BId"), Int("AId")], Fk("dbo.B", ["AId"], "dbo.A", ["AId"])),
        ]);
        var entities = MappingBuilder.Build(schema, Config() with { Relationships = [], Keys = [] }, "sqlserver").Entities;
        var order = DependencyGraph.Order(entities);
        Assert.Equal(2, order.Ordered.Count);
        Assert.Single(order.BrokenEdges);
    }
}

using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Families;

/// <summary>
/// Builds an entity table from its <see cref="EntitySpec"/>. Every referenced table has an integer key numbered
/// from 1, so a reference is a random number up to the referenced table's row count and never dangles.
/// </summary>
internal static class EntityFamily
{
    public static TableDef Build(EntitySpec spec)
    {
        var b = new TableBuilder(spec.Name);
        var values = new List<ColumnValue>();
        var key = spec.Name + "Id";
        b.Identity(key).PrimaryKey(key);
        values.Add((i, _) => (int)(i + 1));

        var parentColumn = spec.Parent + "Id";
        b.Int(parentColumn);
        b.AddForeignKey(new ForeignKeyDef([parentColumn], spec.Parent, [parentColumn], Declared: !spec.LooseParent));
        values.Add(spec.Basis is null
            ? (i, c) => (int)Spread.Parent(i, c.Sizes[spec.Name], c.Sizes[spec.Parent])
            : (_, c) => (int)(c.Random.NextLong(c.Sizes[spec.Parent]) + 1));

        if (spec.SelfReference)
        {
            var self = "Parent" + key;
            b.Int(self, nullable: true).References(self, spec.Name, key);
            values.Add((i, c) => i < 10 || c.Random.Chance(0.2) ? null : (int)(i / 10 + 1));
        }

        for (var d = 0; d < spec.Descriptors.Length; d++)
        {
            var table = DescriptorFamily.TableName(spec.Descriptors[d]);
            AddReference(b, values, new ReferenceSpec(table + "Id", table, Nullable: d > 0, Declared: true));
        }

        foreach (var reference in spec.References)
        {
            AddReference(b, values, ReferenceSpec.Parse(reference));
        }

        EntityColumns.Add(b, values, spec.Name, EntityFlavors.Of(spec.Name));
        var basis = spec.Basis ?? spec.Parent;
        var all = values.ToArray();
        return b
            .Rows(s => Math.Max(1, (long)Math.Round(s[basis] * spec.Factor)))
            .Build((index, c, v) =>
            {
                for (var k = 0; k < all.Length; k++)
                {
                    v[k] = all[k](index, c);
                }
            });
    }

    private static void AddReference(TableBuilder b, List<ColumnValue> values, ReferenceSpec r)
    {
        var referencedKey = r.Table + "Id";
        b.Int(r.Column, r.Nullable);
        b.AddForeignKey(new ForeignKeyDef([r.Column], r.Table, [referencedKey], r.Declared));
        values.Add(r.Nullable
            ? (_, c) => c.Random.Chance(0.25) ? null : (int)(c.Random.NextLong(c.Sizes[r.Table]) + 1)
            : (_, c) => (int)(c.Random.NextLong(c.Sizes[r.Table]) + 1));
    }
}

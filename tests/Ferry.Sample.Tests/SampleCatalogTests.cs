using System.Text;
using Ferry.Core.Model;
using Ferry.Sample.Data;
using Ferry.Sample.Schema;
using Xunit;

namespace Ferry.Sample.Tests;

public class SampleCatalogTests
{
    public static TheoryData<SampleProfile> Profiles => [SampleProfile.Small, SampleProfile.Full];

    [Fact]
    public void Small_profile_has_about_twenty_tables()
    {
        Assert.InRange(SampleCatalog.Small.Tables.Count, 18, 24);
    }

    [Fact]
    public void Full_profile_has_exactly_383_tables()
    {
        Assert.Equal(383, SampleCatalog.Full.Tables.Count);
    }

    [Fact]
    public void Full_profile_contains_every_small_profile_table()
    {
        Assert.All(SampleCatalog.Small.Tables, t => Assert.Same(t, SampleCatalog.Full.Find(t.Name)));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Table_and_column_names_are_unique_and_fit_postgres(SampleProfile profile)
    {
        var tables = SampleCatalog.For(profile).Tables;

        Assert.Equal(tables.Count, tables.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(tables, t =>
        {
            Assert.True(Encoding.UTF8.GetByteCount(t.Name) <= 63, t.Name);
            Assert.Equal(t.Columns.Count, t.Columns.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(t.Columns, c => Assert.True(Encoding.UTF8.GetByteCount(c.Name) <= 63, $"{t.Name}.{c.Name}"));
        });
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_foreign_key_points_to_an_existing_table_and_columns(SampleProfile profile)
    {
        var catalog = SampleCatalog.For(profile);
        foreach (var table in catalog.Tables)
        {
            foreach (var fk in table.ForeignKeys)
            {
                var what = $"{table.Name}({string.Join(",", fk.Columns)}) -> {fk.Referenced}";
                var referenced = catalog.Find(fk.Referenced);
                Assert.True(referenced is not null, what);
                Assert.Equal(fk.Columns.Count, fk.ReferencedColumns.Count);
                for (var i = 0; i < fk.Columns.Count; i++)
                {
                    var from = table.Column(fk.Columns[i]);
                    var to = referenced!.Column(fk.ReferencedColumns[i]);
                    Assert.True(from is not null && to is not null, what);
                    Assert.Equal(to!.Type, from!.Type);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Declared_foreign_keys_reference_a_primary_or_unique_key(SampleProfile profile)
    {
        var catalog = SampleCatalog.For(profile);
        var declared = catalog.Tables.SelectMany(t => t.ForeignKeys.Where(f => f.Declared)).ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, fk =>
        {
            var referenced = catalog.Find(fk.Referenced)!;
            var keys = referenced.UniqueKeys.Append(referenced.PrimaryKey ?? []);
            Assert.Contains(keys, k => k.SequenceEqual(fk.ReferencedColumns));
        });
    }

    [Fact]
    public void School_and_staff_form_a_cycle_broken_by_a_nullable_column()
    {
        var school = SampleCatalog.Small.Find("School")!;
        var staff = SampleCatalog.Small.Find("Staff")!;

        var toStaff = Assert.Single(school.ForeignKeys, f => f.Referenced == "Staff");
        Assert.Single(staff.ForeignKeys, f => f.Referenced == "School" && f.Declared);
        Assert.True(toStaff.Declared);
        Assert.True(school.Column("PrincipalStaffId")!.Nullable);
    }

    [Fact]
    public void Staff_references_itself()
    {
        var staff = SampleCatalog.Small.Find("Staff")!;

        var self = Assert.Single(staff.ForeignKeys, f => f.Referenced == "Staff");
        Assert.Equal(["SupervisorStaffId"], self.Columns);
        Assert.True(staff.Column("SupervisorStaffId")!.Nullable);
    }

    [Fact]
    public void Keyless_table_has_no_key_and_is_listed_in_keys()
    {
        var events = SampleCatalog.Small.Find("AttendanceEvent")!;

        Assert.Null(events.PrimaryKey);
        Assert.Empty(events.UniqueKeys);
        Assert.True(events.HasDuplicates);
        var key = Assert.Single(SampleCatalog.Small.Keys);
        Assert.Equal(new TableName("dbo", "AttendanceEvent"), key.Table);
        Assert.Equal(["StudentId", "SchoolId", "EventDate", "EventCode"], key.Columns);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Undeclared_references_are_listed_as_relationships(SampleProfile profile)
    {
        var catalog = SampleCatalog.For(profile);
        var undeclared = catalog.Tables.SelectMany(t => t.ForeignKeys.Where(f => !f.Declared).Select(f => $"dbo.{t.Name}({string.Join(",", f.Columns)})->dbo.{f.Referenced}")).ToList();

        Assert.NotEmpty(undeclared);
        Assert.Equal(undeclared, catalog.Relationships.Select(r => $"{r.From}({string.Join(",", r.FromColumns)})->{r.To}"));
    }

    [Fact]
    public void References_with_orphans_are_never_declared()
    {
        var orphaned = SampleCatalog.Full.Tables.SelectMany(t => t.ForeignKeys.Where(f => f.HasOrphans).Select(f => (t.Name, f))).ToList();

        Assert.Contains(orphaned, o => o.Name == "Attendance" && o.f.Columns.SequenceEqual(["StudentId"]));
        Assert.Contains(orphaned, o => o.Name == "StudentAssessmentResult" && o.f.Columns.SequenceEqual(["StudentId"]));
        Assert.All(orphaned, o => Assert.False(o.f.Declared));
    }

    [Fact]
    public void Full_profile_generated_tables_have_declared_and_undeclared_references()
    {
        var small = SampleCatalog.Small.Tables.Select(t => t.Name).ToHashSet();
        var generated = SampleCatalog.Full.Tables.Where(t => !small.Contains(t.Name)).SelectMany(t => t.ForeignKeys).ToList();

        Assert.Contains(generated, f => f.Declared);
        Assert.Contains(generated, f => !f.Declared);
        Assert.True(SampleCatalog.Full.Relationships.Count > SampleCatalog.Small.Relationships.Count);
    }

    [Fact]
    public void Benchmark_tables_have_the_expected_shape()
    {
        var student = SampleCatalog.Small.Find("Student")!;
        var results = SampleCatalog.Small.Find("StudentAssessmentResult")!;

        Assert.Equal(
            ["StudentId", "StudentUniqueId", "FirstName", "MiddleName", "LastSurname", "BirthDate", "BirthSexCode", "HispanicLatinoEthnicity",
             "OldEthnicityCode", "CitizenshipStatus", "BirthCity", "BirthCountry", "EconomicDisadvantaged", "LimitedEnglishProficiency",
             "SchoolFoodServicesEligibility", "Id", "LastModifiedDate", "CreateDate"],
            student.Columns.Select(c => c.Name));
        Assert.Equal(
            ["integer", "varchar(32)", "varchar(75)", "varchar(75)", "varchar(75)", "date", "char(1)", "boolean", "smallint", "varchar(50)",
             "varchar(30)", "varchar(50)", "boolean", "varchar(30)", "varchar(30)", "uuid", "timestamp", "timestamp"],
            student.Columns.Select(c => c.SqlType));
        Assert.True(student.Columns[0].Identity);
        Assert.Equal(
            ["StudentAssessmentResultId", "StudentId", "AssessmentId", "AdministrationDate", "ScoreValue", "PerformanceLevel", "ResultDataType", "IsRetest", "CreateDate"],
            results.Columns.Select(c => c.Name));
        Assert.Equal(
            ["bigint", "integer", "integer", "date", "numeric(9,3)", "varchar(20)", "varchar(20)", "boolean", "timestamp"],
            results.Columns.Select(c => c.SqlType));
        Assert.True(results.Columns[0].Identity);
        Assert.Contains(results.ForeignKeys, f => f.Referenced == "Assessment" && f.Declared);
        Assert.Contains(results.ForeignKeys, f => f.Referenced == "Student" && !f.Declared);
    }

    [Fact]
    public void Small_profile_covers_every_column_type()
    {
        var used = SampleCatalog.Small.Tables.SelectMany(t => t.Columns).Select(c => c.Type).ToHashSet();

        Assert.All(Enum.GetValues<ColumnType>(), t => Assert.Contains(t, used));
        Assert.Single(SampleCatalog.Small.Tables.SelectMany(t => t.Columns), c => c.Type == ColumnType.Money);
        Assert.Single(SampleCatalog.Small.Tables.SelectMany(t => t.Columns), c => c.Type == ColumnType.Xml);
    }

    [Fact]
    public void Small_profile_has_composite_keys_and_a_composite_foreign_key()
    {
        var association = SampleCatalog.Small.Find("StudentSchoolAssociation")!;
        var grade = SampleCatalog.Small.Find("Grade")!;

        Assert.Equal(["StudentId", "SchoolId", "EntryDate"], association.PrimaryKey);
        Assert.Contains(grade.ForeignKeys, f => f.Declared && f.Columns.Count == 3 && f.Referenced == "StudentSectionAssociation");
    }

    [Fact]
    public void Constraint_and_index_names_are_unique_and_fit_postgres()
    {
        var tables = SampleCatalog.Full.Tables;
        var relationNames = tables.Select(t => t.Name)
            .Concat(tables.Where(t => t.PrimaryKey is not null).Select(ConstraintNames.PrimaryKey))
            .Concat(tables.SelectMany(t => t.UniqueKeys.Select(k => ConstraintNames.Unique(t, k))))
            .Concat(tables.SelectMany(t => Sql.SchemaScript.IndexedReferences(t).Select(k => ConstraintNames.Index(t, k))))
            .ToList();

        Assert.Equal(relationNames.Count, relationNames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(relationNames, n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 63, n));
        Assert.All(tables, t =>
        {
            var fks = t.ForeignKeys.Select(f => ConstraintNames.ForeignKey(t, f)).ToList();
            Assert.Equal(fks.Count, fks.Distinct(StringComparer.Ordinal).Count());
            Assert.All(fks, n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 63, n));
        });
    }

    [Fact]
    public void Small_profile_stays_well_under_100k_rows_per_district_at_2000_students()
    {
        var sizes = TableSizes.Compute(SampleCatalog.Small.Tables, new SampleScale(1, 2_000, 6_000));

        Assert.InRange(sizes.Total, 20_000, 100_000);
    }

    [Fact]
    public void Full_profile_stays_under_one_and_a_half_million_rows_per_district_at_2000_students()
    {
        var sizes = TableSizes.Compute(SampleCatalog.Full.Tables, new SampleScale(1, 2_000, 6_000));

        Assert.InRange(sizes.Total, 200_000, 1_500_000);
        Assert.All(SampleCatalog.Full.Tables, t => Assert.True(sizes[t.Name] > 0, t.Name));
    }
}

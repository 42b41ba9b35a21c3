using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Sample.Families;
using Ferry.Sample.Tables;

namespace Ferry.Sample.Schema;

/// <summary>
/// The tables of a profile in load order (a table may size itself from any table before it), with the logical
/// relationships and keys a migration configuration must add because the legacy schema does not declare them.
/// </summary>
internal sealed class SampleCatalog
{
    private static readonly Lazy<SampleCatalog> SmallCatalog = new(() => new SampleCatalog(CoreTables()));
    private static readonly Lazy<SampleCatalog> FullCatalog = new(() => new SampleCatalog(
    [
        .. CoreTables(),
        .. DescriptorNames.All.Select(DescriptorFamily.Build),
        .. EntitySpecs.All.Select(EntityFamily.Build),
        .. CollectionSpecs.All.Select(CollectionFamily.Build),
    ]));

    private readonly Dictionary<string, TableDef> _byName;

    private SampleCatalog(IReadOnlyList<TableDef> tables)
    {
        Tables = tables;
        _byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Relationships = tables
            .SelectMany(t => t.ForeignKeys.Where(f => !f.Declared).Select(f => new RelationshipSettings(
                Qualified(t.Name), f.Columns, Qualified(f.Referenced), f.ReferencedColumns)))
            .ToArray();
        Keys = tables
            .Where(t => t.LogicalKey is not null)
            .Select(t => new KeySettings(Qualified(t.Name), t.LogicalKey!))
            .ToArray();
    }

    public static SampleCatalog Small => SmallCatalog.Value;

    public static SampleCatalog Full => FullCatalog.Value;

    public IReadOnlyList<TableDef> Tables { get; }

    /// <summary>Every reference the legacy schema left undeclared, for the <c>relationships</c> section of the configuration.</summary>
    public IReadOnlyList<RelationshipSettings> Relationships { get; }

    /// <summary>The key of every table that has neither a primary key nor a unique index, for the <c>keys</c> section.</summary>
    public IReadOnlyList<KeySettings> Keys { get; }

    public static SampleCatalog For(SampleProfile profile) => profile switch
    {
        SampleProfile.Small => Small,
        SampleProfile.Full => Full,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown sample profile"),
    };

    public TableDef? Find(string name) => _byName.GetValueOrDefault(name);

    private static TableName Qualified(string table) => new(TableDef.Schema, table);

    private static TableDef[] CoreTables() =>
    [
        LocalEducationAgencyTable.Definition,
        GradeLevelDescriptorTable.Definition,
        SchoolTable.Definition,
        StaffTable.Definition,
        StudentTable.Definition,
        CourseTable.Definition,
        GradingPeriodTable.Definition,
        CalendarDateTable.Definition,
        SectionTable.Definition,
        StudentSchoolAssociationTable.Definition,
        StudentSectionAssociationTable.Definition,
        GradeTable.Definition,
        AttendanceTable.Definition,
        AttendanceEventTable.Definition,
        AssessmentTable.Definition,
        StudentAssessmentResultTable.Definition,
        StudentFeeTable.Definition,
        StudentDocumentTable.Definition,
        StudentNoteTable.Definition,
        StudentTranscriptTable.Definition,
        LegacyImportTable.Definition,
    ];
}

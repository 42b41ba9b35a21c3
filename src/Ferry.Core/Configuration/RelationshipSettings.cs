using Ferry.Core.Model;

namespace Ferry.Core.Configuration;

/// <summary>A logical foreign key the legacy schema never declared: <c>dbo.Child(Col,...)</c> to <c>dbo.Parent(Col,...)</c>.</summary>
public sealed record RelationshipSettings(TableName From, IReadOnlyList<string> FromColumns, TableName To, IReadOnlyList<string> ToColumns)
{
    public ForeignKeyInfo ToForeignKey() =>
        new($"cfg_{From.Name}_{string.Join('_', FromColumns)}", From, FromColumns, To, ToColumns, Declared: false);
}

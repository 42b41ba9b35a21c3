using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ferry.Core.Planning;

/// <summary>
/// The resolved mapping as a reviewable YAML file. <c>scaffold</c> writes it; when the configuration names it under
/// <c>mapping:</c>, it replaces the derived defaults, so a reviewer can rename target tables and columns or change a
/// column's target type (a value that then fails to convert is quarantined as a bad value).
/// </summary>
public static class MappingFile
{
    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static string Render(MappingSet mappings) =>
        "# Ferry mapping: review, edit target names and types, then point `mapping:` in the configuration here.\n" +
        Writer.Serialize(new FileDto { Entities = mappings.Entities.Select(ToDto).ToList() });

    public static MappingSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: mapping file not found");
        }

        FileDto dto;
        try
        {
            dto = Reader.Deserialize<FileDto>(File.ReadAllText(path)) ?? new FileDto();
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{path}:{e.Start.Line}: malformed mapping: {e.Message.Split('\n')[0]}");
        }

        return new MappingSet(dto.Entities.Select(e => FromDto(e, path)).ToList());
    }

    private static EntityDto ToDto(EntityMapping e) => new()
    {
        Source = e.Name,
        Target = e.Target,
        TargetTable = $"{e.TargetSchema}.{e.TargetTable}",
        Key = e.Key.ToList(),
        KeyOrigin = e.KeyOrigin.ToString(),
        Collision = e.Collision,
        Columns = e.Columns.Select(c => new ColumnDto
        {
            Source = c.Source,
            Target = c.Target,
            SourceType = c.SourceType,
            TargetType = c.TargetType,
            Kind = c.Kind.ToString(),
            Nullable = c.Nullable,
            SelectAs = c.SelectAs,
            Collision = c.Collision,
        }).ToList(),
        References = e.References.Select(r => new ReferenceDto
        {
            Name = r.Name,
            Columns = r.Columns.ToList(),
            Parent = r.Parent.ToString(),
            TargetColumn = r.TargetColumn,
            Nullable = r.Nullable,
            Declared = r.Declared,
            Constraint = r.Constraint,
            Enforced = r.Enforced,
            Via = r.Via?.ToList(),
        }).ToList(),
    };

    private static EntityMapping FromDto(EntityDto e, string path)
    {
        string Need(string? value, string what) => string.IsNullOrWhiteSpace(value) ? throw new ConfigException($"{path}: entity {e.Source ?? "?"}: missing {what}") : value;
        var table = TableName.Parse(Need(e.TargetTable, "targetTable"));
        return new EntityMapping
        {
            Source = TableName.Parse(Need(e.Source, "source")),
            Target = Need(e.Target, "target"),
            TargetSchema = table.Schema,
            TargetTable = table.Name,
            Key = e.Key.Count > 0 ? e.Key : throw new ConfigException($"{path}: entity {e.Source}: missing key"),
            KeyOrigin = Enum.TryParse<KeyOrigin>(e.KeyOrigin, out var origin) ? origin : KeyOrigin.PrimaryKey,
            Columns = e.Columns.Select(c => new ColumnMap(
                Need(c.Source, "column source"),
                Need(c.Target, $"target of column {c.Source}"),
                c.SourceType ?? "",
                Need(c.TargetType, $"targetType of column {c.Source}"),
                Enum.TryParse<ValueKind>(c.Kind, out var kind) ? kind : throw new ConfigException($"{path}: entity {e.Source}: column {c.Source}: unknown kind '{c.Kind}'"),
                c.Nullable,
                c.SelectAs)).ToList(),
            References = e.References.Select(r => new ReferenceMap(
                r.Name ?? "",
                r.Columns,
                TableName.Parse(Need(r.Parent, "reference parent")),
                Need(r.TargetColumn, "reference targetColumn"),
                r.Nullable,
                r.Declared,
                r.Constraint,
                r.Enforced,
                r.Via)).ToList(),
        };
    }

    private sealed class FileDto
    {
        public List<EntityDto> Entities { get; set; } = [];
    }

    private sealed class EntityDto
    {
        public string? Source { get; set; }

        public string? Target { get; set; }

        public string? TargetTable { get; set; }

        public List<string> Key { get; set; } = [];

        public string? KeyOrigin { get; set; }

        /// <summary>Written when the target table collides with another entity's; ignored when read (the names decide).</summary>
        public string? Collision { get; set; }

        public List<ColumnDto> Columns { get; set; } = [];

        public List<ReferenceDto> References { get; set; } = [];
    }

    private sealed class ColumnDto
    {
        public string? Source { get; set; }

        public string? Target { get; set; }

        public string? SourceType { get; set; }

        public string? TargetType { get; set; }

        public string? Kind { get; set; }

        public bool Nullable { get; set; }

        public string? SelectAs { get; set; }

        /// <summary>Written when the target column collides with another column's; ignored when read (the names decide).</summary>
        public string? Collision { get; set; }
    }

    private sealed class ReferenceDto
    {
        public string? Name { get; set; }

        public List<string> Columns { get; set; } = [];

        public string? Parent { get; set; }

        public string? TargetColumn { get; set; }

        public bool Nullable { get; set; }

        public bool Declared { get; set; }

        public string? Constraint { get; set; }

        public bool Enforced { get; set; }

        public List<string>? Via { get; set; }
    }
}

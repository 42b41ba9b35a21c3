using System.Globalization;
using Ferry.Core.Model;
using Ferry.Core.Quarantine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Configuration;

/// <summary>
/// Reads and validates <c>migration.yaml</c>. Every problem becomes a <see cref="ConfigException"/> whose one-line
/// message names the file, the line and the key at fault. Unknown keys are errors: a misspelt key silently ignored
/// would run a migration with defaults nobody chose.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] RootKeys =
    [
        "target", "uuidNamespace", "districts", "entities", "relationships", "keys", "batchSize", "parallelism",
        "mapping", "policies", "foreignKeys", "reports", "retries", "leases", "limits", "conflicts",
    ];

    public static MigrationConfig Load(string path, Func<string, string?>? environment = null) => Load(path, environment, ReadText);

    /// <summary>As <see cref="Load(string, Func{string, string?}?)"/>, reading the file through <paramref name="read"/>.</summary>
    internal static MigrationConfig Load(string path, Func<string, string?>? environment, Func<string, string> read)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigException($"{path}: is a directory, not a configuration file");
        }

        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: configuration file not found");
        }

        string text;
        try
        {
            text = read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot be read: {e.Message}");
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ConfigException($"{path}: is not UTF-8 text");
        }

        return Parse(text, path, environment);
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string ReadText(string path) => File.ReadAllText(path, StrictUtf8);

    public static MigrationConfig Parse(string yaml, string file, Func<string, string?>? environment = null)
    {
        var reader = new YamlReader(file, environment ?? Environment.GetEnvironmentVariable);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m
                ? throw new ConfigException($"{file}: expected a YAML mapping at the top level")
                : m;
        }
        catch (YamlException ye)
        {
            throw new ConfigException($"{file}:{ye.Start.Line}: malformed YAML: {FirstLine(ye.InnerException?.Message ?? ye.Message)}");
        }
        catch (InvalidOperationException ie)
        {
            // The scanner gives up without a position on some unterminated constructs.
            throw new ConfigException($"{file}: malformed YAML: {FirstLine(ie.Message)}");
        }

        reader.RejectUnknown(root, RootKeys, "top level");
        var targets = ReadTargets(reader, reader.Required(root, "target", "top level"));
        var ns = reader.Guid(reader.Required(root, "uuidNamespace", "top level"), "uuidNamespace");
        var districts = ReadDistricts(reader, reader.Required(root, "districts", "top level"));
        var config = new MigrationConfig
        {
            File = file,
            Targets = targets,
            UuidNamespace = ns,
            Districts = districts,
            Entities = root.Children.TryGetValue(new YamlScalarNode("entities"), out var e) ? ReadEntities(reader, e) : EntitySelection.All,
            Relationships = reader.Sequence(root, "relationships").Select(n => ReadRelationship(reader, n)).ToList(),
            Keys = reader.Sequence(root, "keys").Select(n => ReadKey(reader, n)).ToList(),
            BatchSize = reader.OptionalInt(root, "batchSize", 50_000, 1, 10_000_000),
            Parallelism = reader.OptionalInt(root, "parallelism", 4, 1, 256),
            Mapping = reader.OptionalString(root, "mapping"),
            Policies = root.Children.TryGetValue(new YamlScalarNode("policies"), out var p) ? ReadPolicies(reader, p) : QuarantinePolicies.Default,
            ForeignKeys = reader.OptionalString(root, "foreignKeys") switch
            {
                null or "deferred" => ForeignKeyMode.Deferred,
                "immediate" => ForeignKeyMode.Immediate,
                var other => throw reader.Error(root, $"foreignKeys: '{other}' is not one of deferred, immediate"),
            },
            Reports = root.Children.TryGetValue(new YamlScalarNode("reports"), out var r) ? ReadReports(reader, r) : ReportSettings.None,
            Retries = root.Children.TryGetValue(new YamlScalarNode("retries"), out var rt) ? ReadRetries(reader, rt) : RetrySettings.Default,
            Leases = root.Children.TryGetValue(new YamlScalarNode("leases"), out var l) ? ReadLeases(reader, l) : LeaseSettings.Default,
            Limits = root.Children.TryGetValue(new YamlScalarNode("limits"), out var lm) ? ReadLimits(reader, lm) : LimitSettings.Default,
            Conflicts = reader.OptionalString(root, "conflicts") switch
            {
                null or "report" => ConflictPolicy.Report,
                "legacy-wins" => ConflictPolicy.LegacyWins,
                var other => throw reader.Error(root, $"conflicts: '{other}' is not one of report, legacy-wins"),
            },
        };
        if (config.Mapping is { } mapping && !Path.IsPathRooted(mapping))
        {
            config = config with { Mapping = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", mapping) };
        }

        return config;
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static List<TargetSettings> ReadTargets(YamlReader reader, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return [new TargetSettings("default", reader.String(node, "target"), ["*"])];
        }

        var map = reader.Mapping(node, "target");
        if (map.Children.ContainsKey(new YamlScalarNode("connection")))
        {
            reader.RejectUnknown(map, ["connection"], "target");
            return [new TargetSettings("default", reader.String(reader.Required(map, "connection", "target"), "target.connection"), ["*"])];
        }

        var targets = new List<TargetSettings>();
        foreach (var (key, value) in map.Children)
        {
            var name = reader.String(key, "target");
            var entry = reader.Mapping(value, $"target.{name}");
            reader.RejectUnknown(entry, ["connection", "entities"], $"target.{name}");
            var patterns = reader.Sequence(entry, "entities").Select(n => reader.String(n, $"target.{name}.entities")).ToList();
            if (patterns.Count == 0)
            {
                throw reader.Error(entry, $"target.{name}.entities: list the entity patterns routed to this database");
            }

            targets.Add(new TargetSettings(name, reader.String(reader.Required(entry, "connection", $"target.{name}"), $"target.{name}.connection"), patterns));
        }

        if (targets.Count == 0)
        {
            throw reader.Error(map, "target: give a connection or named service databases");
        }

        return targets;
    }

    private static List<DistrictSettings> ReadDistricts(YamlReader reader, YamlNode node)
    {
        var seq = node as YamlSequenceNode ?? throw reader.Error(node, "districts: expected a list");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tenants = new HashSet<Guid>();
        var result = new List<DistrictSettings>();
        foreach (var item in seq)
        {
            var map = reader.Mapping(item, "districts[]");
            reader.RejectUnknown(map, ["id", "tenant", "source", "deltaSchedule"], "districts[]");
            var id = reader.String(reader.Required(map, "id", "districts[]"), "districts[].id");
            if (!seen.Add(id))
            {
                throw reader.Error(map, $"districts: duplicate district id '{id}'");
            }

            var tenant = reader.Guid(reader.Required(map, "tenant", $"district {id}"), $"district {id}: tenant");
            if (!tenants.Add(tenant))
            {
                throw reader.Error(map, $"district {id}: tenant {tenant} is already used by another district");
            }

            var source = reader.Mapping(reader.Required(map, "source", $"district {id}"), $"district {id}: source");
            reader.RejectUnknown(source, ["provider", "connection", "isolation"], $"district {id}: source");
            var provider = reader.String(reader.Required(source, "provider", $"district {id}: source"), $"district {id}: source.provider");
            if (provider is not ("postgres" or "sqlserver"))
            {
                throw reader.Error(source, $"district {id}: unknown provider '{provider}' (expected postgres or sqlserver)");
            }

            var connection = reader.String(reader.Required(source, "connection", $"district {id}: source"), $"district {id}: source.connection");
            var isolation = reader.OptionalString(source, "isolation") switch
            {
                null or "snapshot" => SourceIsolation.Snapshot,
                "locking" => SourceIsolation.Locking,
                var other => throw reader.Error(source, $"district {id}: source.isolation: '{other}' is not one of snapshot, locking"),
            };
            var schedule = reader.OptionalString(map, "deltaSchedule");
            if (schedule is not null && !CronSchedule.IsValid(schedule))
            {
                throw reader.Error(map, $"district {id}: deltaSchedule: '{schedule}' is not a cron expression of five fields (minute hour day month weekday), e.g. */15 * * * *");
            }

            result.Add(new DistrictSettings(id, tenant, new SourceSettings(provider, connection, isolation)) { DeltaSchedule = schedule });
        }

        if (result.Count == 0)
        {
            throw reader.Error(node, "districts: at least one district is required");
        }

        return result;
    }

    private static EntitySelection ReadEntities(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "entities");
        reader.RejectUnknown(map, ["include", "exclude"], "entities");
        var include = reader.Sequence(map, "include").Select(n => reader.String(n, "entities.include")).ToList();
        var exclude = reader.Sequence(map, "exclude").Select(n => reader.String(n, "entities.exclude")).ToList();
        return new EntitySelection(include.Count == 0 ? ["*"] : include, exclude);
    }

    private static RelationshipSettings ReadRelationship(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "relationships[]");
        reader.RejectUnknown(map, ["from", "to"], "relationships[]");
        var (from, fromCols) = ParseColumnRef(reader, reader.Required(map, "from", "relationships[]"), "relationships[].from");
        var (to, toCols) = ParseColumnRef(reader, reader.Required(map, "to", "relationships[]"), "relationships[].to");
        if (fromCols.Count != toCols.Count)
        {
            throw reader.Error(map, $"relationship {from} -> {to}: {fromCols.Count} column(s) on one side, {toCols.Count} on the other");
        }

        return new RelationshipSettings(from, fromCols, to, toCols);
    }

    private static KeySettings ReadKey(YamlReader reader, YamlNode node)
    {
        var (table, cols) = ParseColumnRef(reader, node, "keys[]");
        return new KeySettings(table, cols);
    }

    /// <summary>Parses <c>dbo.Table(ColA, ColB)</c>.</summary>
    private static (TableName Table, IReadOnlyList<string> Columns) ParseColumnRef(YamlReader reader, YamlNode node, string what)
    {
        var text = reader.String(node, what);
        var open = text.IndexOf('(');
        if (open <= 0 || !text.EndsWith(')'))
        {
            throw reader.Error(node, $"{what}: '{text}' is not of the form schema.Table(Column, ...)");
        }

        var cols = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (cols.Length == 0)
        {
            throw reader.Error(node, $"{what}: '{text}' names no column");
        }

        return (TableName.Parse(text[..open]), cols);
    }

    private static QuarantinePolicies ReadPolicies(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "policies");
        reader.RejectUnknown(map, ["orphan", "nul", "badValue", "sentinelDate", "sentinelDates"], "policies");
        var policies = QuarantinePolicies.Default;
        ProblemAction Action(string key, ProblemAction fallback, params ProblemAction[] allowed)
        {
            var text = reader.OptionalString(map, key);
            if (text is null)
            {
                return fallback;
            }

            var found = allowed.FirstOrDefault(a => a.ToString().Equals(text, StringComparison.OrdinalIgnoreCase), (ProblemAction)(-1));
            return (int)found >= 0
                ? found
                : throw reader.Error(map, $"policies.{key}: '{text}' is not one of {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}");
        }

        var dates = reader.Sequence(map, "sentinelDates").Select(n =>
        {
            var s = reader.String(n, "policies.sentinelDates");
            return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw reader.Error(n, $"policies.sentinelDates: '{s}' is not a yyyy-MM-dd date");
        }).ToList();
        return policies with
        {
            Orphan = Action("orphan", policies.Orphan, ProblemAction.Reject, ProblemAction.Null),
            Nul = Action("nul", policies.Nul, ProblemAction.Strip, ProblemAction.Reject),
            BadValue = Action("badValue", policies.BadValue, ProblemAction.Reject, ProblemAction.Null),
            SentinelDate = Action("sentinelDate", policies.SentinelDate, ProblemAction.Keep, ProblemAction.Null),
            SentinelDates = dates.Count > 0 ? dates : policies.SentinelDates,
        };
    }

    private static RetrySettings ReadRetries(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "retries");
        reader.RejectUnknown(map, ["attempts", "baseDelay", "maxDelay", "activityAttempts"], "retries");
        var d = RetrySettings.Default;
        var settings = new RetrySettings
        {
            Attempts = reader.OptionalInt(map, "attempts", d.Attempts, 1, 100),
            BaseDelay = reader.OptionalDuration(map, "baseDelay", d.BaseDelay, "retries.baseDelay"),
            MaxDelay = reader.OptionalDuration(map, "maxDelay", d.MaxDelay, "retries.maxDelay"),
            ActivityAttempts = reader.OptionalInt(map, "activityAttempts", d.ActivityAttempts, 1, 100),
        };
        return settings.MaxDelay >= settings.BaseDelay
            ? settings
            : throw reader.Error(map, $"retries.maxDelay ({settings.MaxDelay}) is shorter than retries.baseDelay ({settings.BaseDelay})");
    }

    private static LeaseSettings ReadLeases(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "leases");
        reader.RejectUnknown(map, ["ttl"], "leases");
        var ttl = reader.OptionalDuration(map, "ttl", LeaseSettings.Default.Ttl, "leases.ttl");
        return ttl >= TimeSpan.FromSeconds(1) ? new LeaseSettings { Ttl = ttl } : throw reader.Error(map, "leases.ttl: at least 1s");
    }

    private static LimitSettings ReadLimits(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "limits");
        reader.RejectUnknown(map, ["perSource", "perTarget"], "limits");
        var d = LimitSettings.Default;
        return new LimitSettings
        {
            PerSource = reader.OptionalInt(map, "perSource", d.PerSource, 1, 256),
            PerTarget = reader.OptionalInt(map, "perTarget", d.PerTarget, 1, 1024),
        };
    }

    private static ReportSettings ReadReports(YamlReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "reports");
        reader.RejectUnknown(map, ["directory", "connection", "accountUrl", "container"], "reports");
        return new ReportSettings
        {
            Directory = reader.OptionalString(map, "directory"),
            Connection = reader.OptionalString(map, "connection"),
            AccountUrl = reader.OptionalString(map, "accountUrl"),
            Container = reader.OptionalString(map, "container") ?? ReportSettings.None.Container,
        };
    }
}

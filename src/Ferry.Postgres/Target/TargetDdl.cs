using System.Text;
using Ferry.Core.Planning;
using Npgsql;
using static Ferry.Postgres.PgIdentifier;

namespace Ferry.Postgres.Target;

/// <summary>
/// The DDL of the target tables for one target database. Re-runnable: tables are created if missing, policies
/// and constraints replaced or added only when absent. Every table: <c>tenant_id</c> and <c>id</c> first, primary key
/// (tenant_id, id), a unique index over (tenant_id, legacy key) that is also the id map, row-level security keyed on
/// the session setting <c>app.tenant_id</c>, and each reference as FOREIGN KEY (tenant_id, col) REFERENCES
/// parent (tenant_id, id), so no reference can cross tenants.
/// </summary>
public static class TargetDdl
{
    public const string TenantSetting = "app.tenant_id";

    /// <summary>Runs a script of <see cref="Script"/> in one transaction: it applies whole or not at all.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource target, string script, CancellationToken cancellationToken)
    {
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand(script, conn, tx) { CommandTimeout = 0 })
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the database <paramref name="name"/> through a connection to another database of the server (the
    /// role needs CREATEDB); PostgreSQL's own errors (it exists, not allowed) surface as they are.
    /// </summary>
    public static async Task CreateDatabaseAsync(NpgsqlConnection maintenance, string name, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(name)}", maintenance);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Script(IReadOnlyList<EntityMapping> entities, MappingSet all)
    {
        var sb = new StringBuilder();
        foreach (var schema in entities.Select(e => e.TargetSchema).Distinct().Order(StringComparer.Ordinal))
        {
            sb.Append("CREATE SCHEMA IF NOT EXISTS ").Append(Quote(schema)).AppendLine(";");
        }

        foreach (var e in entities)
        {
            AppendTable(sb, e);
        }

        foreach (var e in entities)
        {
            foreach (var r in e.References.Where(r => r.Constraint is not null))
            {
                var parent = all[r.Parent];
                sb.AppendLine(IfConstraintMissing(e, r.Constraint!,
                    $"ALTER TABLE {Qualified(e.TargetSchema, e.TargetTable)} ADD CONSTRAINT {Quote(r.Constraint!)} " +
                    $"FOREIGN KEY ({Quote("tenant_id")}, {Quote(r.TargetColumn)}) REFERENCES {Qualified(parent.TargetSchema, parent.TargetTable)} ({Quote("tenant_id")}, {Quote("id")})"));
            }
        }

        AppendIdMap(sb, entities);
        sb.AppendLine().AppendLine("SELECT ferry.secure_toolkit_tables();");
        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, EntityMapping e)
    {
        var table = Qualified(e.TargetSchema, e.TargetTable);
        sb.AppendLine().Append("CREATE TABLE IF NOT EXISTS ").Append(table).AppendLine(" (");
        sb.AppendLine("    \"tenant_id\" uuid NOT NULL,");
        sb.AppendLine("    \"id\" uuid NOT NULL,");
        foreach (var r in e.References)
        {
            sb.Append("    ").Append(Quote(r.TargetColumn)).Append(" uuid").Append(r.Nullable ? "" : " NOT NULL").AppendLine(",");
        }

        foreach (var c in e.Columns)
        {
            sb.Append("    ").Append(Quote(c.Target)).Append(' ').Append(c.TargetType).Append(c.Nullable ? "" : " NOT NULL").AppendLine(",");
        }

        sb.Append("    CONSTRAINT ").Append(Quote(Core.Naming.IdentifierLimits.Fit($"pk_{e.TargetTable}"))).AppendLine(" PRIMARY KEY (\"tenant_id\", \"id\")");
        sb.AppendLine(");");
        var keyColumns = string.Join(", ", e.Key.Select(k => Quote(e.Column(k).Target)));
        sb.AppendLine(IfIndexMissing(e, e.KeyIndexName, $"CREATE UNIQUE INDEX {Quote(e.KeyIndexName)} ON {table} (\"tenant_id\", {keyColumns})"));
        foreach (var r in e.References)
        {
            // Validating a reference and deleting a tenant's parents both scan children by (tenant_id, ref).
            var name = Core.Naming.IdentifierLimits.Fit($"ix_{e.TargetTable}_{r.TargetColumn}");
            sb.AppendLine(IfIndexMissing(e, name, $"CREATE INDEX {Quote(name)} ON {table} (\"tenant_id\", {Quote(r.TargetColumn)})"));
        }

        // Row-level security keyed on app.tenant_id for the application role, an explicit read policy for auditors
        // (see the toolkit's V005 script, which defines the function and the roles).
        sb.Append("SELECT ferry.secure_tenant_table(").Append(Literal(table)).AppendLine("::regclass, 'SELECT, INSERT, UPDATE, DELETE');");
    }

    /// <summary>Creates the index unless it exists or a run deferred it (the last run to finish builds it).</summary>
    private static string IfIndexMissing(EntityMapping e, string index, string ddl) =>
        "DO $ferry$ BEGIN IF to_regclass(" + Literal(Quote(e.TargetSchema) + "." + Quote(index)) + ") IS NULL " +
        "AND NOT EXISTS (SELECT 1 FROM ferry.dropped_index d WHERE d.index_name = " + Literal(index) +
        " AND d.table_name = " + Literal(e.TargetTable) + " AND d.table_schema = " + Literal(e.TargetSchema) +
        ") THEN " + ddl + "; END IF; END $ferry$;";

    private static string IfConstraintMissing(EntityMapping e, string constraint, string ddl) =>
        "DO $ferry$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " +
        "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.conname = " + Literal(constraint) +
        " AND t.relname = " + Literal(e.TargetTable) + " AND n.nspname = " + Literal(e.TargetSchema) +
        ") AND NOT EXISTS (SELECT 1 FROM ferry.dropped_constraint d WHERE d.constraint_name = " + Literal(constraint) +
        " AND d.table_name = " + Literal(e.TargetTable) + " AND d.table_schema = " + Literal(e.TargetSchema) +
        ") THEN " + ddl + "; END IF; END $ferry$;";

    /// <summary>A view over every target table: the id map (tenant, entity, legacy key, uuid, the run that loaded it) for audit and reverse lookup.</summary>
    private static void AppendIdMap(StringBuilder sb, IReadOnlyList<EntityMapping> entities)
    {
        if (entities.Count == 0)
        {
            return;
        }

        // security_invoker: the view reads the tables with the rights and row-level security of whoever queries it,
        // so it shows an application role its own tenant only (a plain view would run as its owner and show all).
        sb.AppendLine().AppendLine("CREATE OR REPLACE VIEW ferry.id_map WITH (security_invoker = true) AS");
        sb.AppendLine(string.Join("\nUNION ALL\n", entities.Select(e =>
            $"SELECT t.\"tenant_id\", {Literal(e.Name)}::text AS entity, jsonb_build_array({string.Join(", ", e.Key.Select(k => "t." + Quote(e.Column(k).Target)))}) AS legacy_key, t.\"id\", l.run_id " +
            $"FROM {Qualified(e.TargetSchema, e.TargetTable)} t LEFT JOIN ferry.load l ON l.tenant_id = t.\"tenant_id\" AND l.entity = {Literal(e.Name)}")) + ";");
        sb.AppendLine("DO $ferry$ BEGIN IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ferry_application') THEN GRANT SELECT ON ferry.id_map TO ferry_application; END IF; " +
            "IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ferry_auditor') THEN GRANT SELECT ON ferry.id_map TO ferry_auditor; END IF; END $ferry$;");
    }
}

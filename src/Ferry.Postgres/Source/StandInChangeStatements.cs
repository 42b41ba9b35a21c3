using System.Globalization;
using Ferry.Core.Abstractions;
using static Ferry.Postgres.PgIdentifier;

namespace Ferry.Postgres.Source;

/// <summary>
/// The stand-in's change capture, as SQL: a change log in schema <c>ferry_capture</c> of each legacy database, written
/// by an AFTER row trigger on each captured table with the key columns of every inserted, updated or deleted row (old
/// and new key when an update changes it; a TRUNCATE writes a row without a key). Only keys are kept, never whole rows.
/// </summary>
public static class StandInChangeStatements
{
    public const string Schema = "ferry_capture";

    public const string TriggerName = "ferry_capture";

    /// <summary>The log, the trigger function and the position function; each statement is idempotent.</summary>
    public static IReadOnlyList<string> Install { get; } =
    [
        "CREATE SCHEMA IF NOT EXISTS ferry_capture",
        "CREATE TABLE IF NOT EXISTS ferry_capture.change_log (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, table_name text NOT NULL, key jsonb, at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS change_log_table ON ferry_capture.change_log (table_name, seq)",
        // Definer's rights: the legacy applications' roles write the log without any grant on it.
        """
        CREATE OR REPLACE FUNCTION ferry_capture.record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $ferry$
        DECLARE
            old_key jsonb;
            new_key jsonb;
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                INSERT INTO ferry_capture.change_log (table_name, key) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, NULL);
                RETURN NULL;
            END IF;
            IF TG_OP <> 'INSERT' THEN
                SELECT jsonb_object_agg(c, to_jsonb(OLD) -> c) INTO old_key FROM unnest(TG_ARGV) AS c;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                SELECT jsonb_object_agg(c, to_jsonb(NEW) -> c) INTO new_key FROM unnest(TG_ARGV) AS c;
            END IF;
            INSERT INTO ferry_capture.change_log (table_name, key)
            SELECT DISTINCT TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, k FROM (VALUES (old_key), (new_key)) AS v (k) WHERE k IS NOT NULL;
            RETURN NULL;
        END $ferry$
        """,
        // A position is a sequence number every change at or below which has committed: the SHARE lock waits for the
        // transactions writing the log to end (and holds new writers for that instant), so no lower number can still
        // appear after it was read. Definer's rights again: the reading login only needs EXECUTE.
        """
        CREATE OR REPLACE FUNCTION ferry_capture.position() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $ferry$
        BEGIN
            LOCK TABLE ferry_capture.change_log IN SHARE MODE;
            RETURN coalesce((SELECT max(seq) FROM ferry_capture.change_log), 0);
        END $ferry$
        """,
        "GRANT USAGE ON SCHEMA ferry_capture TO PUBLIC",
        "GRANT SELECT ON ferry_capture.change_log TO PUBLIC",
    ];

    /// <summary>The row and TRUNCATE triggers of one table, which pass its key columns to the function.</summary>
    public static IReadOnlyList<string> Triggers(CapturedTable table)
    {
        var name = Qualified(table.Table.Schema, table.Table.Name);
        var keys = string.Join(", ", table.KeyColumns.Select(Literal));
        return
        [
            $"CREATE OR REPLACE TRIGGER {TriggerName} AFTER INSERT OR UPDATE OR DELETE ON {name} FOR EACH ROW EXECUTE FUNCTION ferry_capture.record({keys})",
            $"CREATE OR REPLACE TRIGGER {TriggerName}_truncate AFTER TRUNCATE ON {name} FOR EACH STATEMENT EXECUTE FUNCTION ferry_capture.record()",
        ];
    }

    public static IReadOnlyList<string> DropTriggers(CapturedTable table)
    {
        var name = Qualified(table.Table.Schema, table.Table.Name);
        return [$"DROP TRIGGER IF EXISTS {TriggerName} ON {name}", $"DROP TRIGGER IF EXISTS {TriggerName}_truncate ON {name}"];
    }

    public const string Uninstall = "DROP SCHEMA IF EXISTS ferry_capture CASCADE";

    public const string Installed = "SELECT to_regclass('ferry_capture.change_log') IS NOT NULL AND to_regprocedure('ferry_capture.position()') IS NOT NULL";

    /// <summary>The captured tables among those of the database: the ones with the row trigger.</summary>
    public const string TriggeredTables = """
        SELECT n.nspname::text || '.' || c.relname::text FROM pg_catalog.pg_trigger t
        JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE t.tgname = 'ferry_capture' AND NOT t.tgisinternal
        """;

    public const string Purge = "DELETE FROM ferry_capture.change_log WHERE at < $1";

    public const string Position = "SELECT ferry_capture.position()";

    public const string Pending = "SELECT count(*) FROM ferry_capture.change_log WHERE seq > $1";

    public const string Truncated = "SELECT min(seq) FROM ferry_capture.change_log WHERE table_name = $1 AND seq > $2 AND key IS NULL";

    public const string ChangedKeys = "SELECT DISTINCT key::text FROM ferry_capture.change_log WHERE table_name = $1 AND seq > $2 AND seq <= $3 AND key IS NOT NULL";

    /// <summary>Rows of the table whose keys are in the JSON array $1; or the keys themselves as rows of the table's type.</summary>
    public static string SelectByKeys(Core.Model.TableName table, IReadOnlyList<string> columns, IReadOnlyList<Core.Model.SourceColumn> keyColumns, bool fromKeys)
    {
        var name = Qualified(table.Schema, table.Name);
        var keys = "SELECT r.* FROM jsonb_array_elements($1::jsonb) AS ferry_keys (k) CROSS JOIN LATERAL jsonb_populate_record(NULL::" + name + ", ferry_keys.k) AS r";
        if (fromKeys)
        {
            return $"SELECT {string.Join(", ", columns)} FROM ({keys}) AS {Quote(table.Name)}";
        }

        var tuple = string.Join(", ", keyColumns.Select(k => Quote(k.Name)));
        return $"SELECT {string.Join(", ", columns)} FROM {name} WHERE ({tuple}) IN (SELECT {tuple} FROM ({keys}) AS ferry_changed)";
    }

    public static string Parse(long position) => position.ToString(CultureInfo.InvariantCulture);
}

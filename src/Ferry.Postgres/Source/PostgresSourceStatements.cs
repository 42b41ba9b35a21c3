namespace Ferry.Postgres.Source;

/// <summary>
/// Every fixed statement <see cref="PostgresSourceAdapter"/> runs, in one place. Column order in each result is
/// what the readers in <see cref="PostgresSourceIntrospection"/> expect.
/// </summary>
internal static class PostgresSourceStatements
{
    /// <summary>
    /// Which relations count as legacy tables: ordinary and partitioned tables (not their partitions, whose rows
    /// the parent already reads), outside the system schemas and Ferry's own schemas (<c>ferry</c>; <c>ferry_capture</c>, the change log deltas read), and not owned by
    /// an extension. Expects <c>c</c> (pg_class) and <c>n</c> (pg_namespace) in scope.
    /// </summary>
    private const string UserTable = """
        c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry', 'ferry_capture')
          AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d
                          WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        """;

    /// <summary>
    /// Columns: oid, schema, table, estimated rows. reltuples is -1 before the first ANALYZE (hence the clamp); a
    /// partitioned table has no rows of its own, so its estimate is its leaf partitions' sum.
    /// </summary>
    public const string Tables = """
        SELECT c.oid::bigint, n.nspname::text, c.relname::text,
               CASE WHEN c.relkind = 'p'
                    THEN COALESCE((SELECT SUM(GREATEST(lc.reltuples, 0)) FROM pg_catalog.pg_partition_tree(c.oid) AS pt
                                   JOIN pg_catalog.pg_class AS lc ON lc.oid = pt.relid WHERE pt.isleaf), 0)
                    ELSE GREATEST(c.reltuples, 0) END::bigint
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        WHERE
        """ + "\n" + UserTable + "\n" + """
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>
    /// Columns from information_schema, whose data_type spells types the way the type rules do
    /// (<c>character varying</c>, <c>timestamp without time zone</c>; a domain shows its base type). Serial columns
    /// count as identity: they are how PostgreSQL spelt identity before version 10. The collation comes from the
    /// catalog, which says whether it is deterministic and, for ICU, its locale with the comparison strength (the
    /// column was renamed between versions, so it is read by name from the row). Columns: schema, table, column,
    /// data type, nullable, character length, numeric precision, numeric scale, datetime precision, identity,
    /// collation name (null for the database default), deterministic, ICU locale.
    /// </summary>
    public const string Columns = """
        SELECT col.table_schema::text, col.table_name::text, col.column_name::text, col.data_type::text,
               col.is_nullable = 'YES', col.character_maximum_length::int, col.numeric_precision::int,
               col.numeric_scale::int, col.datetime_precision::int,
               col.is_identity = 'YES' OR COALESCE(col.column_default LIKE 'nextval(%', false),
               NULLIF(co.collname::text, 'default'), COALESCE(co.collisdeterministic, true),
               CASE WHEN co.collprovider = 'i'
                    THEN COALESCE(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale', co.collcollate::text) END
        FROM information_schema.columns AS col
        JOIN pg_catalog.pg_namespace AS n ON n.nspname = col.table_schema
        JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = col.table_name
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attname = col.column_name
        LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = a.attcollation
        WHERE col.table_schema NOT IN ('pg_catalog', 'information_schema', 'ferry', 'ferry_capture')
        ORDER BY col.table_schema, col.table_name, col.ordinal_position
        """;

    /// <summary>
    /// Key columns of the primary key and every unique constraint or unique index, in key order. Constraints are
    /// backed by indexes, so reading indexes covers both. Left out: partial and expression indexes (not keys over
    /// plain columns of every row), indexes still being built, and INCLUDE columns.
    /// Columns: table oid, index oid, is primary, column.
    /// </summary>
    public const string Keys = """
        SELECT i.indrelid::bigint, i.indexrelid::bigint, i.indisprimary, a.attname::text
        FROM pg_catalog.pg_index AS i
        JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
          AND k.ord <= i.indnkeyatts
          AND
        """ + "\n" + UserTable + "\n" + """
        ORDER BY i.indrelid, i.indexrelid, k.ord
        """;

    /// <summary>
    /// Declared foreign keys with their column pairs in constraint order (conkey and confkey are parallel arrays).
    /// Constraints cloned onto partitions (conparentid set) are left out: the parent's constraint stands for them.
    /// Columns: constraint oid, name, child oid, child column, referenced schema, referenced table, referenced column,
    /// validated (a NOT VALID key can hide orphans).
    /// </summary>
    public const string ForeignKeys = """
        SELECT con.oid::bigint, con.conname::text, con.conrelid::bigint, a.attname::text,
               rn.nspname::text, rc.relname::text, ra.attname::text, con.convalidated
        FROM pg_catalog.pg_constraint AS con
        JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_class AS rc ON rc.oid = con.confrelid
        JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace
        CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        JOIN pg_catalog.pg_attribute AS ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refattnum
        WHERE con.contype = 'f' AND con.conparentid = 0
          AND
        """ + "\n" + UserTable + "\n" + """
        ORDER BY con.oid, k.ord
        """;

    /// <summary>
    /// The write-ahead log position now, the stand-in's equivalent of a Change Tracking version. On a standby the
    /// current position cannot be asked for, so the last replayed one is the position.
    /// </summary>
    public const string ChangePosition = """
        SELECT (CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_replay_lsn()
                     ELSE pg_catalog.pg_current_wal_lsn() END)::text
        """;

    /// <summary>
    /// What the login may read of each user table: SELECT on the table (schema USAGE included), and the columns it may
    /// not SELECT when the table is not granted as a whole (column privileges). PostgreSQL shows every table in its
    /// catalog, so nothing is invisible as on SQL Server. Columns: schema, table, schema usable, table readable,
    /// unreadable columns, number of columns.
    /// </summary>
    public const string TablePrivileges = """
        SELECT n.nspname::text, c.relname::text,
               pg_catalog.has_schema_privilege(n.oid, 'USAGE'), pg_catalog.has_table_privilege(c.oid, 'SELECT'),
               ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute AS a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                       AND NOT pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT')
                     ORDER BY a.attnum),
               (SELECT count(*)::int FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        WHERE
        """ + "\n" + UserTable + "\n" + """
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>Runs right after BEGIN ISOLATION LEVEL REPEATABLE READ, before the first read.</summary>
    public const string ReadOnly = "SET TRANSACTION READ ONLY";

    /// <summary>
    /// The database's identity: the cluster's system identifier (new for every initdb, so a copy restored elsewhere
    /// differs), the database's oid (new when it is dropped and restored) and name, and its encoding.
    /// Columns: system identifier, oid, name, encoding.
    /// </summary>
    public const string Facts = """
        SELECT (SELECT system_identifier FROM pg_catalog.pg_control_system())::text, d.oid::bigint, d.datname::text,
               pg_catalog.pg_encoding_to_char(d.encoding)::text
        FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database()
        """;
}

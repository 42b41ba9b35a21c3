-- Indexes of target tables dropped while a run loads them (a table loaded from empty is indexed once, after the
-- load, instead of row by row), with the definition the last run to finish re-creates them from.
CREATE TABLE ferry.dropped_index (
    table_schema text NOT NULL,
    table_name   text NOT NULL,
    index_name   text NOT NULL,
    -- 'p' primary key constraint, 'u' unique index, 'i' plain index: the order they are re-created in.
    kind         text NOT NULL CHECK (kind IN ('p', 'u', 'i')),
    -- The CREATE INDEX statement that re-creates it; the constraint (primary key or unique) it then backs, if any;
    -- its key columns (to find duplicates if a unique one fails).
    definition   text NOT NULL,
    constraint_name text,
    key_columns  text[] NOT NULL,
    -- Autovacuum is paused on the table while it loads (it would vacuum a growing table over and over, and its
    -- locks would hold up the index builds and validation at the end); resumed when the indexes are built.
    paused_autovacuum boolean NOT NULL DEFAULT false,
    dropped_by   uuid NOT NULL,
    dropped_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_schema, table_name, index_name)
);

-- What each delta did to each entity of a district, written in the transaction that applied it: rows inserted, updated
-- and deleted (counted from its before-images before a purge can remove them), newly quarantined, quarantine entries
-- resolved by loading the row, conflicts left open and conflicts the legacy row won. The reports read it.
CREATE TABLE ferry.delta_entity (
    run_id       uuid NOT NULL,
    tenant_id    uuid NOT NULL,
    district_id  text NOT NULL,
    entity       text NOT NULL,
    inserted     bigint NOT NULL DEFAULT 0,
    updated      bigint NOT NULL DEFAULT 0,
    deleted      bigint NOT NULL DEFAULT 0,
    quarantined  bigint NOT NULL DEFAULT 0,
    resolved     bigint NOT NULL DEFAULT 0,
    conflicts    bigint NOT NULL DEFAULT 0,
    legacy_won   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, tenant_id, entity)
);

SELECT ferry.secure_tenant_table('ferry.delta_entity'::regclass);

-- Every toolkit table a migration secured (row level security on), however many later migrations add: scaffolding
-- calls this again so policies for roles created later appear, and no migration has to repeat the whole list.
CREATE OR REPLACE FUNCTION ferry.secure_toolkit_tables() RETURNS void LANGUAGE sql AS $ferry$
    SELECT ferry.secure_tenant_table(c.oid::regclass)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'ferry' AND c.relkind = 'r' AND c.relrowsecurity
      AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped);
$ferry$;

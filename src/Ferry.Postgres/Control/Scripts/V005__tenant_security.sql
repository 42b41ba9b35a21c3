-- Tenant isolation for the toolkit's own tables. Three kinds of role:
--   the migration role, which owns every table (row-level security does not restrict an owner);
--   ferry_application, granted to each service's login: it sees only the tenant named by the setting app.tenant_id
--     (no setting, no rows);
--   ferry_auditor, granted explicitly to auditors' logins: reads every tenant through a policy of its own, never
--     through BYPASSRLS.
-- Run-level tables (ferry.run, ferry.verify, deferred constraints and indexes, schema versions) carry no tenant and
-- stay readable only to the migration role. Creating the two roles needs CREATEROLE; without it they must be
-- created by an administrator, and the policies naming them are added when the schema is next applied.
DO $ferry$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ferry_application', 'ferry_auditor'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by a schema applied to another database of the cluster
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'role % does not exist and this role may not create it', r;
            END;
        END IF;
    END LOOP;
END $ferry$;

-- Applied to every table that carries tenant_id: the toolkit's here, the target tables by the scaffolded DDL.
CREATE FUNCTION ferry.secure_tenant_table(tbl regclass, application_privileges text DEFAULT 'SELECT') RETURNS void LANGUAGE plpgsql AS $ferry$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', tbl);
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ferry_application') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ferry_application', (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = tbl));
        EXECUTE format('GRANT %s ON %s TO ferry_application', application_privileges, tbl);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ferry_auditor') THEN
        EXECUTE format('DROP POLICY IF EXISTS auditor_read ON %s', tbl);
        EXECUTE format('CREATE POLICY auditor_read ON %s FOR SELECT TO ferry_auditor USING (true)', tbl);
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ferry_auditor', (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = tbl));
        EXECUTE format('GRANT SELECT ON %s TO ferry_auditor', tbl);
    END IF;
END $ferry$;

-- The toolkit's tables that carry a tenant. Scaffolding calls this again, so policies for roles created later appear.
CREATE FUNCTION ferry.secure_toolkit_tables() RETURNS void LANGUAGE sql AS $ferry$
    SELECT ferry.secure_tenant_table(t::regclass)
    FROM unnest(ARRAY['ferry.load', 'ferry.batch', 'ferry.quarantine', 'ferry.verify_entity', 'ferry.district', 'ferry.value_change']) AS t;
$ferry$;

SELECT ferry.secure_toolkit_tables();

-- Each district lands once, under one tenant: the tenant, UUID namespace and legacy database a district was first
-- loaded with. Runs and verifications refuse a configuration that contradicts it; rolling the district back clears it.
CREATE TABLE ferry.district (
    district_id         text PRIMARY KEY,
    tenant_id           uuid NOT NULL UNIQUE,
    uuid_namespace      uuid NOT NULL,
    -- Identity of the copy of the legacy database loaded (server, name, and what a restore changes).
    source_fingerprint  text NOT NULL,
    source_server       text NOT NULL,
    source_database     text NOT NULL,
    registered_at       timestamptz NOT NULL DEFAULT now(),
    registered_by       uuid NOT NULL,
    -- Set when an operator accepted a new fingerprint (database restored or failed over): by which run, when, from what.
    source_changed_at   timestamptz,
    source_changed_by   uuid,
    previous_fingerprint text
);

-- Values that the target type could not hold exactly and were changed by a documented rule (digits below a
-- microsecond truncated), counted per batch and column, committed with the batch.
CREATE TABLE ferry.value_change (
    run_id       uuid NOT NULL,
    tenant_id    uuid NOT NULL,
    district_id  text NOT NULL,
    entity       text NOT NULL,
    batch_no     integer NOT NULL,
    column_name  text NOT NULL,
    rule         text NOT NULL,
    value_count  bigint NOT NULL,
    PRIMARY KEY (run_id, tenant_id, entity, batch_no, column_name, rule)
);
CREATE INDEX value_change_entity ON ferry.value_change (tenant_id, entity);

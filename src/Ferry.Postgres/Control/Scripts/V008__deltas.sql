-- Deltas. Each delta of a district records, in the same transaction as the changes it applied to this database, the
-- change positions it covered: the district's position is the newest delta not rolled back (or, before any, the
-- earliest position its full loads recorded).
CREATE TABLE ferry.delta_applied (
    run_id         uuid NOT NULL,
    tenant_id      uuid NOT NULL,
    district_id    text NOT NULL,
    from_position  text NOT NULL,
    to_position    text NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    upserted       bigint NOT NULL DEFAULT 0,
    deleted        bigint NOT NULL DEFAULT 0,
    quarantined    bigint NOT NULL DEFAULT 0,
    resolved       bigint NOT NULL DEFAULT 0,
    conflicts      bigint NOT NULL DEFAULT 0,
    entities       text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, tenant_id)
);
CREATE INDEX delta_applied_tenant ON ferry.delta_applied (tenant_id, applied_at);

-- Target rows a role other than the toolkit's updated or deleted: written by a trigger on every target table that
-- `dm delta enable` installs. A delta that would change such a row reports a conflict instead (or overwrites it under
-- conflicts: legacy-wins, which clears the mark).
CREATE TABLE ferry.foreign_write (
    tenant_id   uuid NOT NULL,
    relation    text NOT NULL,
    id          uuid NOT NULL,
    by_role     text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, relation, id)
);

-- Definer's rights: the services' role may not write the toolkit's tables, but its writes must be noted. Inside the
-- function current_user is the definer: the writer is the role set with SET ROLE, else the session's login.
CREATE FUNCTION ferry.note_foreign_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $ferry$
BEGIN
    INSERT INTO ferry.foreign_write (tenant_id, relation, id, by_role)
    VALUES (OLD.tenant_id, format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), OLD.id,
            coalesce(nullif(current_setting('role', true), 'none'), session_user))
    ON CONFLICT (tenant_id, relation, id) DO UPDATE SET by_role = EXCLUDED.by_role, changed_at = now();
    RETURN NULL;
END $ferry$;

-- Conflicts found by deltas: both versions of the row, and what became of it.
CREATE TABLE ferry.delta_conflict (
    conflict_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       uuid NOT NULL,
    tenant_id    uuid NOT NULL,
    district_id  text NOT NULL,
    entity       text NOT NULL,
    id           uuid NOT NULL,
    legacy_key   text,
    target_row   jsonb,
    legacy_row   jsonb,
    by_role      text,
    state        text NOT NULL CHECK (state IN ('open', 'legacy_won')),
    detected_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX delta_conflict_open ON ferry.delta_conflict (tenant_id, entity, id) WHERE state = 'open';

-- Quarantine entries a delta resolved (an orphan whose parent arrived, a row fixed in the legacy system, a row
-- deleted there): moved here with the resolution, so the quarantine keeps holding only what is not in the target.
CREATE TABLE ferry.quarantine_resolution (
    quarantine_id  bigint PRIMARY KEY,
    run_id         uuid NOT NULL,
    tenant_id      uuid NOT NULL,
    district_id    text NOT NULL,
    entity         text NOT NULL,
    batch_no       integer,
    legacy_key     text,
    id             uuid,
    action         text NOT NULL,
    reason_code    text NOT NULL,
    column_name    text,
    reason         text NOT NULL,
    row            jsonb,
    at             timestamptz NOT NULL,
    resolved_by    uuid NOT NULL,
    resolution     text NOT NULL,
    resolved_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_resolution_run ON ferry.quarantine_resolution (resolved_by, tenant_id, entity);

-- Cut-over: the district's legacy system is retired; no delta applies to it any more.
CREATE TABLE ferry.cutover (
    tenant_id    uuid PRIMARY KEY,
    district_id  text NOT NULL,
    run_id       uuid NOT NULL,
    position     text NOT NULL,
    cut_over_at  timestamptz NOT NULL DEFAULT now()
);

-- What a purge removed, and when: counts, reasons and checksums stay after the personal data is gone.
CREATE TABLE ferry.purge (
    purge_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    district_id  text NOT NULL,
    before       timestamptz NOT NULL,
    purged_at    timestamptz NOT NULL DEFAULT now(),
    summary      jsonb NOT NULL
);

SELECT ferry.secure_tenant_table(t::regclass)
FROM unnest(ARRAY['ferry.delta_applied', 'ferry.foreign_write', 'ferry.delta_conflict', 'ferry.quarantine_resolution', 'ferry.cutover', 'ferry.purge']) AS t;

CREATE OR REPLACE FUNCTION ferry.secure_toolkit_tables() RETURNS void LANGUAGE sql AS $ferry$
    SELECT ferry.secure_tenant_table(t::regclass)
    FROM unnest(ARRAY['ferry.load', 'ferry.batch', 'ferry.quarantine', 'ferry.verify_entity', 'ferry.district', 'ferry.value_change', 'ferry.orphan_key',
                      'ferry.before_image', 'ferry.rollback_step', 'ferry.run_district',
                      'ferry.delta_applied', 'ferry.foreign_write', 'ferry.delta_conflict', 'ferry.quarantine_resolution', 'ferry.cutover', 'ferry.purge']) AS t;
$ferry$;

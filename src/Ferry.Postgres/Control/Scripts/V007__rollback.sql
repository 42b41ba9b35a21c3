-- Rollback. An operation that undoes runs is itself recorded in ferry.run, of kind 'rollback', naming the run it was
-- asked to roll back; a delta is of kind 'delta'. Rollbacks have no entity scope ('{}'), so a run never resumes one.
ALTER TABLE ferry.run ADD COLUMN kind text NOT NULL DEFAULT 'run' CHECK (kind IN ('run', 'delta', 'rollback'));
ALTER TABLE ferry.run ADD COLUMN rollback_of uuid;

-- Rows as they were before a run changed them, so rolling the run back restores them: a delta's updated and deleted
-- rows, and the rows a per-entity reload deleted. op 'insert' marks a row the run added to an entity whose load it
-- does not own (a delta's insert): rolling back deletes it. relation is the table the row was in: the entity's
-- target table, or one of the toolkit's tables for the bookkeeping of a load a reload replaced (its ferry.load,
-- ferry.batch, ferry.quarantine, ferry.value_change and ferry.orphan_key rows). row holds every column by name as its
-- own text form (json and jsonb columns as themselves), which the column's type reads back exactly: -0, NaN,
-- infinity and BC dates included, which a plain to_jsonb would not keep.
CREATE TABLE ferry.before_image (
    image_no   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     uuid NOT NULL,
    tenant_id  uuid NOT NULL,
    entity     text NOT NULL,
    relation   text NOT NULL,
    id         uuid,
    op         text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    row        jsonb,
    at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((op = 'insert') = (row IS NULL))
);
-- One image per run and target row: the first (the row before the run first touched it) is the one kept.
CREATE UNIQUE INDEX before_image_row ON ferry.before_image (run_id, tenant_id, relation, id);
CREATE INDEX before_image_entity ON ferry.before_image (tenant_id, entity, run_id);

-- The steps of a rollback (or of a reload's deletion), planned once and each committed in the same transaction as
-- the work it does, so a rollback killed at any moment resumes where it stopped. operation_id is the rollback (or the
-- reloading run); runs are the runs whose work the step undoes, oldest first.
CREATE TABLE ferry.rollback_step (
    operation_id  uuid NOT NULL,
    step_no       integer NOT NULL,
    tenant_id     uuid NOT NULL,
    district_id   text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('detach', 'delete', 'restore', 'reattach', 'bookkeeping')),
    entity        text NOT NULL,
    table_schema  text NOT NULL,
    table_name    text NOT NULL,
    -- References NULLed (detach, restore) or set back (reattach); NOT NULL self-references point at the row instead.
    columns       text[] NOT NULL DEFAULT '{}',
    self_columns  text[] NOT NULL DEFAULT '{}',
    runs          uuid[] NOT NULL,
    -- The oldest of runs that owned the entity's load: every row of it goes, and images of it and older runs count.
    restore_from  uuid,
    owned         boolean NOT NULL,
    -- A reload's deletion: rows and bookkeeping become before-images of operation_id as they go.
    keep_images   boolean NOT NULL DEFAULT false,
    lower_id      uuid,
    upper_id      uuid,
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    rows          bigint,
    committed_at  timestamptz,
    PRIMARY KEY (operation_id, step_no)
);
CREATE INDEX rollback_step_tenant ON ferry.rollback_step (tenant_id, entity);

-- Rollback is per district: a run rolled back for some districts stays valid for the others. One row per run and
-- district being or having been rolled back, by the rollback operation that did it; the run's own state becomes
-- rolled_back once every district of it is.
CREATE TABLE ferry.run_district (
    run_id         uuid NOT NULL,
    district_id    text NOT NULL,
    tenant_id      uuid NOT NULL,
    state          text NOT NULL CHECK (state IN ('rolling_back', 'rolled_back')),
    rollback_id    uuid NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    PRIMARY KEY (run_id, district_id)
);

SELECT ferry.secure_tenant_table('ferry.before_image'::regclass);
SELECT ferry.secure_tenant_table('ferry.rollback_step'::regclass);
SELECT ferry.secure_tenant_table('ferry.run_district'::regclass);

CREATE OR REPLACE FUNCTION ferry.secure_toolkit_tables() RETURNS void LANGUAGE sql AS $ferry$
    SELECT ferry.secure_tenant_table(t::regclass)
    FROM unnest(ARRAY['ferry.load', 'ferry.batch', 'ferry.quarantine', 'ferry.verify_entity', 'ferry.district', 'ferry.value_change', 'ferry.orphan_key',
                      'ferry.before_image', 'ferry.rollback_step', 'ferry.run_district']) AS t;
$ferry$;

-- The toolkit's own tables in every target database. One run = one invocation plan; one load = the full load
-- of one entity for one tenant; one batch = one key range, committed together with the rows it wrote.
CREATE TABLE ferry.run (
    run_id        uuid PRIMARY KEY,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    state         text NOT NULL CHECK (state IN ('running', 'completed', 'failed', 'stopped', 'rolled_back')),
    dry_run       boolean NOT NULL DEFAULT false,
    districts     text[] NOT NULL,
    entities      text[] NOT NULL,
    host          text,
    message       text
);

CREATE TABLE ferry.load (
    tenant_id        uuid NOT NULL,
    entity           text NOT NULL,
    district_id      text NOT NULL,
    run_id           uuid NOT NULL REFERENCES ferry.run (run_id),
    state            text NOT NULL CHECK (state IN ('planned', 'loaded')),
    source_rows      bigint,
    batches          integer NOT NULL DEFAULT 0,
    change_position  text,
    planned_at       timestamptz NOT NULL DEFAULT now(),
    loaded_at        timestamptz,
    PRIMARY KEY (tenant_id, entity)
);

CREATE TABLE ferry.batch (
    run_id            uuid NOT NULL REFERENCES ferry.run (run_id),
    tenant_id         uuid NOT NULL,
    district_id       text NOT NULL,
    entity            text NOT NULL,
    batch_no          integer NOT NULL,
    lower_key         text,
    upper_key         text,
    null_keys         boolean NOT NULL DEFAULT false,
    state             text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    rows_read         bigint,
    rows_loaded       bigint,
    rows_quarantined  bigint,
    rows_fixed        bigint,
    elapsed_ms        bigint,
    committed_at      timestamptz,
    PRIMARY KEY (run_id, tenant_id, entity, batch_no)
);
CREATE INDEX batch_pending ON ferry.batch (run_id) WHERE state = 'pending';

-- Rows that did not load as they were. action: rejected (not in the target), nulled or stripped (loaded after
-- the recorded fix). row holds the original source row as JSON.
CREATE TABLE ferry.quarantine (
    quarantine_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id         uuid NOT NULL,
    tenant_id      uuid NOT NULL,
    district_id    text NOT NULL,
    entity         text NOT NULL,
    batch_no       integer,
    legacy_key     text,
    id             uuid,
    action         text NOT NULL CHECK (action IN ('rejected', 'nulled', 'stripped')),
    reason_code    text NOT NULL,
    column_name    text,
    reason         text NOT NULL,
    row            jsonb NOT NULL,
    at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_entity ON ferry.quarantine (tenant_id, entity);
CREATE INDEX quarantine_run ON ferry.quarantine (run_id);

-- Foreign keys dropped while runs load, with their definitions, re-created and validated by the last run to finish.
CREATE TABLE ferry.dropped_constraint (
    table_schema   text NOT NULL,
    table_name     text NOT NULL,
    constraint_name text NOT NULL,
    definition     text NOT NULL,
    dropped_by     uuid NOT NULL,
    dropped_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_schema, table_name, constraint_name)
);

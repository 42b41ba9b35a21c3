-- The durable orchestrations' activity log: one row per activity event (started, completed, failed), written by the
-- worker that ran it, so the log of a run spans every worker process and survives them. An activity delivered twice
-- (its worker died) shows twice: that is the history of the retries, not a duplicate of work (the batch checkpoints
-- decide what committed). Keyed by the orchestration's instance id: verify and rollback orchestrations have no run.
CREATE TABLE ferry.activity_event (
    event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id  text NOT NULL,
    run_id       uuid,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    activity     text NOT NULL,
    district_id  text,
    entity       text,
    work_item    text,
    attempt      integer NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('started', 'completed', 'failed')),
    rows_loaded  bigint,
    duration_ms  bigint,
    worker       text NOT NULL,
    message      text
);
CREATE INDEX activity_event_instance ON ferry.activity_event (instance_id, event_id);

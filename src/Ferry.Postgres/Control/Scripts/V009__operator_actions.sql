-- What operators did over the HTTP API: who (the token's name), in which role, which action on which run (the
-- orchestration's instance id, which is the run id for runs the API starts) and districts, when, and how it ended.
-- An action is recorded as 'requested' before it is carried out and its outcome written after, so an action whose
-- host died half-way still shows. Not tenant data: no row-level security.
CREATE TABLE ferry.operator_action (
    action_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    role         text NOT NULL,
    action       text NOT NULL,
    run_id       text,
    districts    text[] NOT NULL DEFAULT '{}',
    outcome      text NOT NULL DEFAULT 'requested',
    detail       text,
    finished_at  timestamptz
);
CREATE INDEX operator_action_run ON ferry.operator_action (run_id, at);

-- Every verification, in each target database it read: when, what, and whether every entity had parity. The
-- reports of a verification are written from these rows, so they can be written again at any time.
CREATE TABLE ferry.verify (
    verify_id    uuid PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    districts    text[] NOT NULL,
    entities     text[] NOT NULL,
    parity       boolean NOT NULL,
    host         text
);

-- The result per (tenant, entity), in the target database that holds the entity. Checksums are the 128-bit sums
-- of the row hashes (hex) with the number of rows summed; samples are the sample differences as JSON.
CREATE TABLE ferry.verify_entity (
    verify_id              uuid NOT NULL REFERENCES ferry.verify (verify_id) ON DELETE CASCADE,
    tenant_id              uuid NOT NULL,
    district_id            text NOT NULL,
    entity                 text NOT NULL,
    target_table           text NOT NULL,
    load_run_id            uuid,
    source_rows            bigint NOT NULL,
    target_rows            bigint NOT NULL,
    quarantined            bigint NOT NULL,
    missing                bigint NOT NULL,
    extra                  bigint NOT NULL,
    changed                bigint NOT NULL,
    source_checksum        text NOT NULL,
    source_checksum_rows   bigint NOT NULL,
    target_checksum        text NOT NULL,
    target_checksum_rows   bigint NOT NULL,
    status                 text NOT NULL CHECK (status IN ('pass', 'differs')),
    buckets                integer NOT NULL,
    buckets_differing      integer NOT NULL,
    elapsed_ms             bigint NOT NULL,
    finished_at            timestamptz NOT NULL,
    note                   text,
    samples                jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (verify_id, tenant_id, entity)
);

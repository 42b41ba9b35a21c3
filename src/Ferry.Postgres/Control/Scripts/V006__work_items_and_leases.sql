-- Leases instead of a session lock. A run holds a lease per target database while anyone executes work for it (each
-- worker renews it), and each district an operation works on holds one, naming the run. A lease that is not renewed
-- expires: a killed holder never blocks anyone for longer than its time to live. Work commits only while its run's
-- lease is live (checked inside the work's own transaction), so a holder woken after its lease lapsed cannot commit.
CREATE TABLE ferry.lease (
    kind         text NOT NULL CHECK (kind IN ('run', 'district')),
    key          text NOT NULL,
    run_id       uuid NOT NULL,
    holder       text NOT NULL,
    acquired_at  timestamptz NOT NULL DEFAULT now(),
    renewed_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Small entities of one district travel together: a bundle is one work item, one transaction.
ALTER TABLE ferry.batch ADD COLUMN bundle_no integer;
CREATE INDEX batch_bundle ON ferry.batch (run_id, tenant_id, bundle_no) WHERE bundle_no IS NOT NULL;

-- A small table planned from the catalog's estimate instead of a count: its rows are the rows its batch read.
ALTER TABLE ferry.load ADD COLUMN rows_estimated boolean NOT NULL DEFAULT false;

-- References whose orphans are found, as batches run, against the parent's keys (read by whichever process runs
-- them); every other reference's missing parents were found when the load was planned (ferry.orphan_key).
ALTER TABLE ferry.load ADD COLUMN orphans_by_key integer[] NOT NULL DEFAULT '{}';

-- Parents found missing when a load was planned (an anti-join on the source), so any worker executing one of its
-- batches knows them without redoing the search.
CREATE TABLE ferry.orphan_key (
    tenant_id    uuid NOT NULL,
    entity       text NOT NULL,
    reference_no integer NOT NULL,
    parent_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, entity, reference_no, parent_id)
);
SELECT ferry.secure_tenant_table('ferry.orphan_key'::regclass);

CREATE OR REPLACE FUNCTION ferry.secure_toolkit_tables() RETURNS void LANGUAGE sql AS $ferry$
    SELECT ferry.secure_tenant_table(t::regclass)
    FROM unnest(ARRAY['ferry.load', 'ferry.batch', 'ferry.quarantine', 'ferry.verify_entity', 'ferry.district', 'ferry.value_change', 'ferry.orphan_key']) AS t;
$ferry$;

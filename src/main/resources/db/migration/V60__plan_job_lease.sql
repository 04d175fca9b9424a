-- Planning jobs are claimed in the database, so that any instance may run a job and any
-- instance may answer for it: a job is leased by one instance (lease_owner) until lease_until,
-- renewed by its heartbeat; a job whose lease ran out (its instance died) is taken up by
-- another. The request's solver time and seed are kept so that whoever runs it runs the same.
ALTER TABLE bus_plan_job
    ADD COLUMN solver_millis bigint,
    ADD COLUMN seed          bigint,
    ADD COLUMN lease_owner   text,
    ADD COLUMN lease_until   timestamptz,
    ADD COLUMN attempts      integer NOT NULL DEFAULT 0;

-- the claim query's scan: waiting jobs in order, and running ones by lease
CREATE INDEX bus_plan_job_claimable ON bus_plan_job (created_at)
    WHERE status IN ('queued', 'running');

-- Plan, review, publish (issue 13): a finished plan is a draft that parents do not see until a
-- coordinator publishes it for a run; a coordinator may edit a plan by hand, which makes a new
-- version of it; a planning job may be cancelled from any instance.

-- An edited plan is a plan of its own, made by no job: its id is no longer a job's id.
ALTER TABLE bus_plan DROP CONSTRAINT bus_plan_id_fkey;
ALTER TABLE bus_plan
    -- 1 for a plan a job made; the plan it was edited from plus one for an edit
    ADD COLUMN version   integer NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN based_on  uuid REFERENCES bus_plan (id) ON DELETE CASCADE,
    ADD COLUMN edited_by uuid REFERENCES account (id),
    -- what the edit did, in the coordinator's words (Chinese / English)
    ADD COLUMN edit      text,
    ADD CONSTRAINT bus_plan_edit_whole CHECK ((based_on IS NULL) = (version = 1));
-- a plan is edited once: the next edit goes on the new version, so an edit of an older version
-- (another coordinator edited it meanwhile) is refused rather than silently forking the plan
CREATE UNIQUE INDEX bus_plan_one_successor ON bus_plan (based_on) WHERE based_on IS NOT NULL;

-- Who published which plan for which run when. The newest row of a school and run is what
-- parents see; the earlier ones are kept, so the day's changes can be told and nothing is lost.
CREATE TABLE bus_plan_publication (
    id           bigserial PRIMARY KEY,
    school_id    uuid NOT NULL REFERENCES bus_school (id) ON DELETE CASCADE,
    run          text NOT NULL CHECK (run IN ('evening', 'morning')),
    plan_id      uuid NOT NULL REFERENCES bus_plan (id) ON DELETE CASCADE,
    published_by uuid REFERENCES account (id),
    published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bus_plan_publication_current ON bus_plan_publication (school_id, run, id DESC);

-- A cancelled job stops where it is: the worker's writes name status 'running', so they no
-- longer match and the worker drops its result.
ALTER TABLE bus_plan_job DROP CONSTRAINT bus_plan_job_status_check;
ALTER TABLE bus_plan_job
    ADD CONSTRAINT bus_plan_job_status_check
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    ADD COLUMN cancelled_by uuid REFERENCES account (id),
    -- a re-plan around locked lines: the plan whose evening lines (by number) are kept
    ADD COLUMN based_on     uuid REFERENCES bus_plan (id) ON DELETE SET NULL,
    ADD COLUMN locked_lines integer[];

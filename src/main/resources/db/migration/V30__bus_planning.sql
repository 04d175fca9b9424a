-- School custom buses (校园定制公交): schools, the households whose students ride, the fleet,
-- the planning policy per school, planning jobs and the plans they produce.
-- Coordinates are WGS-84; input in GCJ-02 or BD-09 is converted before it is stored.

CREATE TABLE bus_school (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name              text NOT NULL,
    lat               double precision NOT NULL,
    lon               double precision NOT NULL,
    -- local times of day (Asia/Shanghai): end of evening self-study, morning bell
    evening_dismissal time NOT NULL,
    morning_arrival   time NOT NULL,
    -- set by the demo loader, so a restart finds its school instead of adding another
    demo_key          text UNIQUE,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- A household (家庭): where its students live, how many ride, and the parent who may see the bus.
CREATE TABLE bus_household (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    school_id       uuid NOT NULL REFERENCES bus_school (id) ON DELETE CASCADE,
    label           text NOT NULL,
    lat             double precision NOT NULL,
    lon             double precision NOT NULL,
    students        integer NOT NULL CHECK (students > 0),
    -- a student who needs the bus at the door (送到家门口): only the nearest stop will do
    needs_door_stop boolean NOT NULL DEFAULT false,
    parent_phone    text,
    -- made up by the demo generator, not a real family
    generated       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bus_household_school ON bus_household (school_id);
CREATE INDEX bus_household_parent ON bus_household (parent_phone);

-- A bus of the fleet; with no depot it starts and ends its day at the school.
CREATE TABLE bus_vehicle (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    school_id  uuid NOT NULL REFERENCES bus_school (id) ON DELETE CASCADE,
    label      text NOT NULL,
    capacity   integer NOT NULL CHECK (capacity > 0),
    depot_lat  double precision,
    depot_lon  double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bus_vehicle_depot_whole CHECK ((depot_lat IS NULL) = (depot_lon IS NULL))
);
CREATE INDEX bus_vehicle_school ON bus_vehicle (school_id);

-- The rules a plan must keep. The defaults here are the service's usual rules; a school that
-- has no row plans with them.
CREATE TABLE bus_policy (
    school_id                 uuid PRIMARY KEY REFERENCES bus_school (id) ON DELETE CASCADE,
    max_walk_metres           integer NOT NULL DEFAULT 400 CHECK (max_walk_metres > 0),
    max_ride_seconds          integer NOT NULL DEFAULT 2700 CHECK (max_ride_seconds > 0),
    dwell_base_seconds        integer NOT NULL DEFAULT 30 CHECK (dwell_base_seconds >= 0),
    dwell_per_student_seconds integer NOT NULL DEFAULT 5 CHECK (dwell_per_student_seconds >= 0),
    -- OSM highway classes on which no stop may be placed (高速公路、城市快速路、匝道)
    no_stop_road_classes      text[] NOT NULL
        DEFAULT ARRAY['motorway', 'trunk', 'motorway_link', 'trunk_link'],
    solver_seconds            integer NOT NULL DEFAULT 20 CHECK (solver_seconds > 0),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

-- One planning run. Jobs run one at a time; a server restart fails those it did not finish.
CREATE TABLE bus_plan_job (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    school_id    uuid NOT NULL REFERENCES bus_school (id) ON DELETE CASCADE,
    status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    phase        text NOT NULL,
    progress     jsonb,
    matrix_ms    bigint,
    solve_ms     bigint,
    paths_ms     bigint,
    error        text,
    requested_by uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX bus_plan_job_school ON bus_plan_job (school_id, created_at);

-- A finished plan: stops, lines with times and paths, walking paths, unserved households.
-- Kept whole as the document the pages and the parents read.
CREATE TABLE bus_plan (
    id         uuid PRIMARY KEY REFERENCES bus_plan_job (id) ON DELETE CASCADE,
    school_id  uuid NOT NULL REFERENCES bus_school (id) ON DELETE CASCADE,
    plan       jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bus_plan_school ON bus_plan (school_id, created_at);
